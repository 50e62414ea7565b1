import { describe, expect, it } from "vitest"
import { parseCsv, writeCsv } from "./csv.ts"
import { decodeText, encodeText } from "./encoding.ts"
import { matchesPattern } from "./glob.ts"
import { parseJsonl } from "./jsonl.ts"

describe("CSV", () => {
  it("reads `;`-separated rows with quoted delimiters, quotes and line breaks, numbering lines", () => {
    const rows = parseCsv('\uFEFFNr;Text\r\n1;"a; b"\r\n2;"say ""hi""\r\nthere"\r\n3;c\r\n', {
      delimiter: ";",
      header: true,
    })
    expect(rows).toEqual([
      { line: 2, cells: { Nr: "1", Text: "a; b" } },
      { line: 4, cells: { Nr: "2", Text: 'say "hi"\nthere' } },
      { line: 5, cells: { Nr: "3", Text: "c" } },
    ])
  })

  it("reports a row with the wrong number of cells and an unclosed quote at their lines, reading the rest", () => {
    const rows = parseCsv('a,b\n1,2\n3\n4,5\n"6,7\n', { delimiter: ",", header: true })
    expect(rows[0]).toEqual({ line: 2, cells: { a: "1", b: "2" } })
    expect(rows[1]).toMatchObject({ line: 3, problem: "has 1 cells where the header has 2 columns" })
    expect(rows[2]).toEqual({ line: 4, cells: { a: "4", b: "5" } })
    expect(rows[3]?.problem).toMatch(/quote/i)
  })

  it("names columns 1, 2, … without a header row, and writes RFC 4180 text back", () => {
    expect(parseCsv("x;1,5\n", { delimiter: ";", header: false })).toEqual([
      { line: 1, cells: { "1": "x", "2": "1,5" } },
    ])
    expect(writeCsv(["a", "b"], [{ a: "x;y", b: 'q"' }], { delimiter: ";", header: true })).toBe(
      'a;b\r\n"x;y";"q"""\r\n',
    )
  })
})

describe("encodings", () => {
  it("reads and writes ISO-8859-1 exports as Windows-1252 (€ and typographic quotes included)", () => {
    const text = "Preis € „Gipfel“ – Größe"
    const bytes = encodeText(text, "latin1")
    expect(bytes.length).toBe(text.length)
    expect(bytes[6]).toBe(0x80)
    expect(decodeText(bytes, "latin1")).toBe(text)
    expect(decodeText(encodeText("日本", "latin1"), "latin1")).toBe("??")
  })
})

describe("JSON Lines", () => {
  it("reads one object per line, skipping blank lines and reporting broken ones", () => {
    expect(parseJsonl('{"a":1}\n\n{"a":\n["x"]\n{"a":{"b":1}}\n')).toEqual([
      { line: 1, cells: { a: 1 } },
      { line: 3, cells: {}, problem: expect.stringContaining("is not valid JSON") },
      { line: 4, cells: {}, problem: "is not a JSON object" },
      { line: 5, cells: {}, problem: 'has a nested value in "a"; values must be flat' },
    ])
  })
})

describe("file patterns", () => {
  it("matches * and ? and nothing else as wildcards", () => {
    expect(matchesPattern("preise-*.csv", "preise-20261102-0600.csv")).toBe(true)
    expect(matchesPattern("preise-*.csv", "preise-20261102-0600.csv.tmp")).toBe(false)
    expect(matchesPattern("stock-??.jsonl", "stock-WH.jsonl")).toBe(true)
    expect(matchesPattern("a.csv", "abcsv")).toBe(false)
  })
})
