/** Reading a vendor's error answer into one short line for an error message. */

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v)

const text = (v: unknown): string | undefined =>
  typeof v === "string" && v.trim() !== "" ? v : typeof v === "number" ? String(v) : undefined

/**
 * One line describing a vendor's error body: OAuth's `error: error_description`, a `message`,
 * or the JSON itself, cut to `maxLength`. Pass a body that is already redacted.
 */
export const summarizeBody = (body: unknown, maxLength = 300): string => {
  let line: string
  if (isRecord(body)) {
    const error = text(body.error)
    const description = text(body.error_description)
    const message = text(body.message) ?? text(body.detail) ?? text(body.title)
    line =
      error !== undefined
        ? description !== undefined
          ? `${error}: ${description}`
          : error
        : message !== undefined
          ? message
          : JSON.stringify(body)
  } else if (typeof body === "string") {
    line = body.trim() === "" ? "(empty body)" : body
  } else if (body === undefined || body === null) {
    line = "(empty body)"
  } else {
    line = JSON.stringify(body) ?? String(body)
  }
  return line.length > maxLength ? `${line.slice(0, maxLength)}…` : line
}
