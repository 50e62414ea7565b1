import { createHash } from "node:crypto"

const NO_KEYS: ReadonlySet<string> = new Set()

/**
 * The stable text of a record runs on every record in and out of the hub. Built by
 * concatenation, with `Object.keys().sort()` per object, it was half of everything a sync
 * allocated; so one walk puts its pieces into a sink: the parts of a string (`stableStringify`),
 * or straight into reused bytes that are hashed (`contentHash`), so the text is never made. Either
 * way it must stay byte for byte what it has always been, because stored hashes are compared
 * against it (`hash.test.ts` pins it).
 */
let put: (piece: string) => void

const parts: Array<string> = []
/** How many of `parts` the text being built has; the array keeps its capacity between records. */
let count = 0
const putPart = (piece: string) => {
  parts[count++] = piece
}

/** Key lists per depth, reused, so sorting an object's keys allocates nothing. */
const keyLists: Array<Array<string>> = []
const keyCounts: Array<number> = []

/** The UTF-8 bytes of the text being hashed, in a buffer reused from record to record. */
const BYTES_KEPT = 64 * 1024
let bytes = Buffer.allocUnsafe(BYTES_KEPT)
let byteCount = 0
const putBytes = (piece: string) => {
  // At most 3 bytes per UTF-16 unit.
  if (byteCount + piece.length * 3 > bytes.length) {
    const larger = Buffer.allocUnsafe(Math.max(bytes.length * 2, byteCount + piece.length * 3))
    bytes.copy(larger, 0, 0, byteCount)
    bytes = larger
  }
  for (let i = 0; i < piece.length; i++) {
    const c = piece.charCodeAt(i)
    if (c >= 0x80) {
      // Rare: the rest as UTF-8 by Node, as `hash.update(text)` would encode it.
      byteCount += bytes.write(piece.slice(i), byteCount, "utf8")
      return
    }
    bytes[byteCount++] = c
  }
}

/** What JSON.stringify escapes in a string: control characters, quote, backslash, lone surrogates (any surrogate, to be safe). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters are exactly what JSON escapes.
const NEEDS_ESCAPING = /[\u0000-\u001f"\\\ud800-\udfff]/

/** Object keys as JSON strings, remembered: records repeat the same few field names. */
const quotedKeys = new Map<string, string>()
const QUOTED_KEYS_LIMIT = 10_000
const quoted = (key: string): string => {
  let text = quotedKeys.get(key)
  if (text === undefined) {
    text = JSON.stringify(key)
    if (quotedKeys.size < QUOTED_KEYS_LIMIT) quotedKeys.set(key, text)
  }
  return text
}

/** An object's own enumerable string keys (what Object.keys gives), sorted as `sort()` does (UTF-16 order). */
const sortedKeys = (record: object, depth: number): Array<string> => {
  let keys = keyLists[depth]
  if (keys === undefined) {
    keys = []
    keyLists[depth] = keys
  }
  // Counted, not `keys.length = 0`, which would give the list's storage back for the next object to regrow.
  let n = 0
  for (const key in record) {
    if (!Object.hasOwn(record, key)) continue
    // Insertion sort: an object has a handful of keys, often already in order.
    let at = n++
    while (at > 0 && (keys[at - 1] as string) > key) {
      keys[at] = keys[at - 1] as string
      at--
    }
    keys[at] = key
  }
  keyCounts[depth] = n
  return keys
}

const write = (value: unknown, skip: ReadonlySet<string>, depth: number): void => {
  if (typeof value === "string" && !NEEDS_ESCAPING.test(value)) {
    // What JSON.stringify makes of it, without the quoted copy.
    put('"')
    put(value)
    put('"')
    return
  }
  if (value === null || typeof value !== "object") {
    put(JSON.stringify(value) ?? "null")
    return
  }
  if (Array.isArray(value)) {
    put("[")
    for (let i = 0; i < value.length; i++) {
      if (i > 0) put(",")
      // A hole stays empty, as Array.prototype.join renders it.
      if (!(i in value)) continue
      const v: unknown = value[i]
      if (v === undefined) put("null")
      else write(v, NO_KEYS, depth + 1)
    }
    put("]")
    return
  }
  const record = value as Record<string, unknown>
  const keys = sortedKeys(record, depth)
  const keyCount = keyCounts[depth] as number
  put("{")
  let first = true
  // The list is this depth's: deeper calls use their own.
  for (let k = 0; k < keyCount; k++) {
    const key = keys[k] as string
    if (skip.has(key)) continue
    const v = record[key]
    if (v === undefined) continue
    if (!first) put(",")
    put(quoted(key))
    put(":")
    write(v, NO_KEYS, depth + 1)
    first = false
  }
  put("}")
}

/** The stable text of `value`, leaving out the top-level keys in `skip`. */
const stableText = (value: unknown, skip: ReadonlySet<string>): string => {
  put = putPart
  count = 0
  write(value, skip, 0)
  parts.length = count
  return parts.join("")
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
  put = putBytes
  byteCount = 0
  write(value, skip, 0)
  const hash = createHash("sha1").update(bytes.subarray(0, byteCount)).digest("base64url")
  // One huge record (a 10 MB description) must not keep its buffer for the life of the process.
  if (bytes.length > 16 * BYTES_KEPT) bytes = Buffer.allocUnsafe(BYTES_KEPT)
  return hash
}
