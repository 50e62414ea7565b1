import { createHash } from "node:crypto"

const NO_KEYS: ReadonlySet<string> = new Set()

/**
 * The stable text of `value`, leaving out the top-level keys in `skip`. Built by concatenation
 * rather than map/flatMap/join: it runs on every record in and out of the hub, and the text must
 * stay byte for byte what it has always been, because stored hashes are compared against it.
 */
const stableText = (value: unknown, skip: ReadonlySet<string>): string => {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null"
  if (Array.isArray(value)) {
    let out = "["
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ","
      // A hole stays empty, as Array.prototype.join renders it.
      if (!(i in value)) continue
      const v: unknown = value[i]
      out += v === undefined ? "null" : stableText(v, NO_KEYS)
    }
    return `${out}]`
  }
  const record = value as Record<string, unknown>
  const keys = Object.keys(record).sort()
  let out = "{"
  let first = true
  for (const key of keys) {
    if (skip.has(key)) continue
    const v = record[key]
    if (v === undefined) continue
    if (!first) out += ","
    out += `${JSON.stringify(key)}:${stableText(v, NO_KEYS)}`
    first = false
  }
  return `${out}}`
}

/** JSON with object keys sorted, so equal content always gives equal text. */
export const stableStringify = (value: unknown): string => stableText(value, NO_KEYS)

const UPDATED_AT: ReadonlySet<string> = new Set(["updatedAt"])

/**
 * A content hash of a record, ignoring the given top-level fields. `updatedAt` is ignored by
 * default: a vendor touching a record without changing it must not wake every target.
 */
export const contentHash = (value: unknown, ignore: ReadonlyArray<string> = ["updatedAt"]): string => {
  const skip =
    ignore.length === 0 ? NO_KEYS : ignore.length === 1 && ignore[0] === "updatedAt" ? UPDATED_AT : new Set(ignore)
  return createHash("sha1").update(stableText(value, skip)).digest("base64url")
}
