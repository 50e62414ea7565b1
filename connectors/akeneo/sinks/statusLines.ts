/**
 * Reading the answer of a PATCH list: NDJSON, one `{ line, identifier, status_code, message?,
 * errors? }` per request line (https://api.akeneo.com/documentation/update.html#patch-several-resources).
 */
import { Effect, Option, Schema } from "effect"
import { VendorResponseError } from "../../../core/connector/index.ts"
import { type LineError, PatchStatusLine } from "../schemas/patch.ts"

const parseJson = Option.liftThrowable((text: string): unknown => JSON.parse(text))
const decodeLine = Schema.decodeUnknownOption(PatchStatusLine)

/** The status lines of an answer body (a string; or already parsed when a single line came back as JSON). */
export const parseStatusLines = (
  system: string,
  body: unknown,
): Effect.Effect<ReadonlyArray<PatchStatusLine>, VendorResponseError> => {
  const texts =
    typeof body === "string"
      ? body.split("\n").filter((line) => line.trim() !== "")
      : body === undefined || body === null || body === ""
        ? []
        : [JSON.stringify(body)]
  const lines: Array<PatchStatusLine> = []
  for (const [index, text] of texts.entries()) {
    const line = Option.flatMap(parseJson(text), decodeLine)
    if (Option.isNone(line)) {
      return Effect.fail(
        new VendorResponseError({
          system,
          operation: "products.patch",
          detail: `status line ${index + 1} is not a { line, status_code } object: ${text.slice(0, 200)}`,
        }),
      )
    }
    lines.push(line.value)
  }
  return Effect.succeed(lines)
}

/** A refused line's reason: Akeneo's message and each violation with its attribute, locale and channel. */
export const lineReason = (line: PatchStatusLine): string => {
  const head = `${line.identifier ?? line.code ?? `line ${line.line}`}: ${line.message ?? `HTTP ${line.status_code}`}`
  const details = (line.errors ?? []).map(describeViolation)
  return details.length === 0 ? head : `${head} ${details.join("; ")}`
}

const describeViolation = (error: LineError): string => {
  const where = [
    error.attribute ? `attribute ${error.attribute}` : error.property ? `property ${error.property}` : undefined,
    error.locale ? `locale ${error.locale}` : undefined,
    error.scope ? `channel ${error.scope}` : undefined,
  ].filter((part) => part !== undefined)
  return where.length === 0 ? error.message : `${error.message} (${where.join(", ")})`
}

/** The JSON path of a refused line's first violation inside the sink payload: `$.lines[2].values.ean`. */
export const linePath = (lineIndex: number, line: PatchStatusLine): string => {
  const base = `$.lines[${lineIndex}]`
  const first = line.errors?.[0]
  if (first?.attribute) return `${base}.values.${first.attribute}`
  if (first?.property) return `${base}.${first.property}`
  const attribute = /The (\S+) attribute does not exist/.exec(line.message ?? "")?.[1]
  if (attribute !== undefined) return `${base}.values.${attribute}`
  const property = /Property "([^"]+)" does not exist/.exec(line.message ?? "")?.[1]
  return property === undefined ? base : `${base}.${property}`
}
