/**
 * Text encodings of export files. `latin1` is read and written as Windows-1252, which is what
 * "ISO-8859-1" exports of Windows ERPs really are: Latin-1 plus €, „, “, – in 0x80–0x9F.
 */

/** Windows-1252's 0x80–0x9F, where it differs from ISO-8859-1 (undefined: unassigned). */
const CP1252_HIGH: ReadonlyArray<number | undefined> = [
  0x20ac,
  undefined,
  0x201a,
  0x0192,
  0x201e,
  0x2026,
  0x2020,
  0x2021,
  0x02c6,
  0x2030,
  0x0160,
  0x2039,
  0x0152,
  undefined,
  0x017d,
  undefined,
  undefined,
  0x2018,
  0x2019,
  0x201c,
  0x201d,
  0x2022,
  0x2013,
  0x2014,
  0x02dc,
  0x2122,
  0x0161,
  0x203a,
  0x0153,
  undefined,
  0x017e,
  0x0178,
]

const toCp1252 = new Map<number, number>(
  CP1252_HIGH.flatMap((codePoint, i) => (codePoint === undefined ? [] : [[codePoint, 0x80 + i] as const])),
)

export type TextEncoding = "utf-8" | "latin1"

/**
 * Bytes → text; a UTF-8 byte order mark is dropped. Windows-1252 is decoded here, not by
 * `TextDecoder`: Node's decodes the label as plain ISO-8859-1 and turns € into U+0080.
 */
export const decodeText = (bytes: Uint8Array, encoding: TextEncoding): string => {
  if (encoding === "utf-8") return new TextDecoder("utf-8").decode(bytes)
  let text = ""
  for (const byte of bytes) {
    const special = byte >= 0x80 && byte < 0xa0 ? CP1252_HIGH[byte - 0x80] : undefined
    text += String.fromCharCode(special ?? byte)
  }
  return text
}

/** Text → bytes; in `latin1` a character Windows-1252 lacks becomes `?`, as ERPs' own exports do. */
export const encodeText = (text: string, encoding: TextEncoding): Uint8Array => {
  if (encoding === "utf-8") return new TextEncoder().encode(text)
  const out = new Uint8Array(text.length)
  let n = 0
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0x3f
    out[n++] = code < 0x80 || (code >= 0xa0 && code <= 0xff) ? code : (toCp1252.get(code) ?? 0x3f)
  }
  return out.slice(0, n)
}
