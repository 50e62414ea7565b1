/**
 * `PATCH /api/rest/v1/products` (https://api.akeneo.com/api-reference.html#patch_products): an
 * NDJSON list of products by identifier, at most 100 lines; each line updates the product or
 * creates a simple one, and gets a status line back: 201 created, 204 updated, 422 refused with
 * Akeneo's message (and `errors` for violations). Content type other than
 * `application/vnd.akeneo.collection+json` → 415; more than 100 lines → 413.
 */
import type { SeedProduct, SeedValue } from "../fixtures/catalog.ts"
import { akeneoError } from "./errors.ts"
import { type AkeneoSandboxState, akeneoTimestamp } from "./state.ts"

export const COLLECTION_TYPE = "application/vnd.akeneo.collection+json"
const MAX_LINES = 100
const PRODUCT_PROPERTIES = new Set([
  "identifier",
  "uuid",
  "enabled",
  "family",
  "categories",
  "groups",
  "parent",
  "values",
  "associations",
  "quantified_associations",
  "created",
  "updated",
])
const DOCS = { _links: { documentation: { href: "http://api.akeneo.com/api-reference.html#patch_products__code_" } } }

type Status = Record<string, unknown>

interface Violation {
  readonly property: string
  readonly message: string
  readonly attribute: string
  readonly locale: string | null
  readonly scope: string | null
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v)

/** Checks one line's values against the attributes; a message for an unknown attribute, else violations. */
const checkValues = (
  state: AkeneoSandboxState,
  values: Record<string, unknown>,
): { readonly unknown?: string; readonly malformed?: string; readonly violations: ReadonlyArray<Violation> } => {
  const violations: Array<Violation> = []
  for (const [code, list] of Object.entries(values)) {
    const attribute = state.attributes.get(code)
    if (attribute === undefined) return { unknown: code, violations }
    if (!Array.isArray(list))
      return { malformed: `Property "${code}" expects an array as data, "${typeof list}" given.`, violations }
    for (const value of list) {
      if (!isRecord(value) || !("data" in value)) {
        return { malformed: `Property "${code}" expects an array with the key "data".`, violations }
      }
      const locale = typeof value.locale === "string" ? value.locale : null
      const scope = typeof value.scope === "string" ? value.scope : null
      const at = { property: "values", attribute: code, locale, scope }
      if (!attribute.localizable && locale !== null) {
        violations.push({ ...at, message: `The ${code} attribute does not require a value per locale.` })
      } else if (attribute.localizable && locale === null) {
        violations.push({ ...at, message: `The ${code} attribute requires a locale.` })
      }
      if (attribute.validation_regexp !== undefined && value.data !== null) {
        if (typeof value.data !== "string" || !new RegExp(attribute.validation_regexp).test(value.data)) {
          violations.push({ ...at, message: "This value is not valid." })
        }
      }
      if (attribute.type === "pim_catalog_metric" && value.data !== null) {
        const data = value.data
        if (!isRecord(data) || !state.weightUnits.includes(String(data.unit))) {
          violations.push({ ...at, message: "Please specify a valid metric unit" })
        } else if (Number.isNaN(Number(data.amount))) {
          violations.push({ ...at, message: "This value should be a valid number." })
        }
      }
    }
  }
  return { violations }
}

const mergeValues = (
  current: Readonly<Record<string, ReadonlyArray<SeedValue>>>,
  incoming: Record<string, unknown>,
): Record<string, ReadonlyArray<SeedValue>> => {
  const merged: Record<string, ReadonlyArray<SeedValue>> = { ...current }
  for (const [code, list] of Object.entries(incoming)) {
    if (!Array.isArray(list)) continue
    let values = [...(merged[code] ?? [])]
    for (const value of list) {
      if (!isRecord(value)) continue
      const next: SeedValue = {
        locale: typeof value.locale === "string" ? value.locale : null,
        scope: typeof value.scope === "string" ? value.scope : null,
        data:
          isRecord(value.data) && "amount" in value.data
            ? { ...value.data, amount: String(value.data.amount) }
            : value.data,
      }
      values = values.filter((v) => v.locale !== next.locale || v.scope !== next.scope)
      if (next.data !== null) values.push(next)
    }
    merged[code] = values
  }
  return merged
}

const applyLine = (state: AkeneoSandboxState, lineNumber: number, text: string): Status => {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    return { line: lineNumber, status_code: 400, message: "Invalid json message received" }
  }
  if (!isRecord(parsed)) return { line: lineNumber, status_code: 400, message: "Invalid json message received" }
  const identifier = parsed.identifier
  if (typeof identifier !== "string" || identifier === "") {
    return { line: lineNumber, status_code: 422, message: "Identifier is missing." }
  }
  const refused = (message: string, extra: Record<string, unknown> = {}): Status => ({
    line: lineNumber,
    identifier,
    status_code: 422,
    message,
    ...extra,
  })
  const unknownProperty = Object.keys(parsed).find((key) => !PRODUCT_PROPERTIES.has(key))
  if (unknownProperty !== undefined) {
    return refused(`Property "${unknownProperty}" does not exist. Check the standard format documentation.`, DOCS)
  }
  if (parsed.enabled !== undefined && typeof parsed.enabled !== "boolean") {
    return refused(
      `Property "enabled" expects a boolean as data, "${typeof parsed.enabled}" given. Check the standard format documentation.`,
      DOCS,
    )
  }
  const values = parsed.values === undefined ? {} : parsed.values
  if (!isRecord(values)) {
    return refused(
      `Property "values" expects an array as data, "${typeof values}" given. Check the standard format documentation.`,
      DOCS,
    )
  }
  const checked = checkValues(state, values)
  if (checked.unknown !== undefined) {
    return refused(
      `The ${checked.unknown} attribute does not exist in your PIM. Check the expected format on the API documentation.`,
      DOCS,
    )
  }
  if (checked.malformed !== undefined)
    return refused(`${checked.malformed} Check the standard format documentation.`, DOCS)
  if (checked.violations.length > 0) return refused("Validation failed.", { errors: checked.violations })

  const now = akeneoTimestamp(state.now())
  const existing = state.products.get(identifier)
  const product: SeedProduct = existing
    ? {
        ...existing,
        ...(typeof parsed.enabled === "boolean" ? { enabled: parsed.enabled } : {}),
        values: mergeValues(existing.values, values),
        updated: now,
      }
    : {
        uuid: crypto.randomUUID(),
        identifier,
        enabled: typeof parsed.enabled === "boolean" ? parsed.enabled : true,
        family: null,
        categories: [],
        groups: [],
        parent: null,
        values: mergeValues({ sku: [{ locale: null, scope: null, data: identifier }] }, values),
        created: now,
        updated: now,
      }
  state.products.set(identifier, product)
  return { line: lineNumber, identifier, status_code: existing ? 204 : 201 }
}

/** Answers a PATCH list request. */
export const patchProducts = async (state: AkeneoSandboxState, request: Request): Promise<Response> => {
  const type = request.headers.get("content-type") ?? ""
  if (type.split(";")[0]?.trim().toLowerCase() !== COLLECTION_TYPE) {
    return akeneoError(415, `‘${type}’ in ‘Content-type’ header is not valid.  Only ‘${COLLECTION_TYPE}’ is allowed.`)
  }
  const lines = (await request.text()).split("\n").filter((line) => line.trim() !== "")
  if (lines.length > MAX_LINES)
    return akeneoError(413, `Too many resources to process, ${MAX_LINES} is the maximum allowed.`)
  const statuses = lines.map((line, index) => applyLine(state, index + 1, line))
  return new Response(statuses.map((s) => JSON.stringify(s)).join("\n"), {
    status: 200,
    headers: { "Content-Type": COLLECTION_TYPE },
  })
}
