import { createHash } from "node:crypto"

/** JSON with object keys sorted, so equal content always gives equal text. */
export const stableStringify = (value: unknown): string => {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null"
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? "null" : stableStringify(v))).join(",")}]`
  const entries = Object.keys(value)
    .sort()
    .flatMap((key) => {
      const v = (value as Record<string, unknown>)[key]
      return v === undefined ? [] : [`${JSON.stringify(key)}:${stableStringify(v)}`]
    })
  return `{${entries.join(",")}}`
}

/**
 * A content hash of a record, ignoring the given top-level fields. `updatedAt` is ignored by
 * default: a vendor touching a record without changing it must not wake every target.
 */
export const contentHash = (value: unknown, ignore: ReadonlyArray<string> = ["updatedAt"]): string => {
  let subject = value
  if (value !== null && typeof value === "object" && !Array.isArray(value) && ignore.length > 0) {
    const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) }
    for (const key of ignore) delete copy[key]
    subject = copy
  }
  return createHash("sha1").update(stableStringify(subject)).digest("base64url")
}
