import { readdirSync, readFileSync, rmSync } from "node:fs"
import { join } from "node:path"
import { Effect } from "effect"
import { afterEach, describe, expect, it } from "vitest"
import { VendorResponseError } from "../../../core/connector/index.ts"
import { decodeText } from "../format/encoding.ts"
import { filesSandbox } from "../sandbox/index.ts"
import type { FileRecord } from "../schemas/record.ts"
import { type FileStore, localStore, writeAtomic } from "../store/index.ts"
import { localConfig, run, runFailure, systemFor } from "../testing.ts"
import { pricesSink, stockSink } from "./index.ts"

const roots: string[] = []
const emptyRoot = () => {
  const root = filesSandbox({ seed: false }).state.root
  roots.push(root)
  return root
}
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true })
})

const priceRow = (sku: string, amount: string): FileRecord => ({
  file: "",
  modifiedAt: "2026-11-30T07:00:00Z",
  rows: [
    {
      line: 2,
      values: {
        sku,
        amount,
        currency: "EUR",
        priceList: "default",
        minQuantity: 1,
        taxIncluded: true,
        updatedAt: "30.11.2026 08:00",
      },
    },
  ],
  columns: {},
  options: { decimalSeparator: ",", dateFormat: "dd.MM.yyyy HH:mm", timeZone: "Europe/Berlin" },
})

describe("export sinks", () => {
  it("writes one file per batch into outbox/, in the feed's columns, delimiter and encoding", async () => {
    const root = emptyRoot()
    const system = await systemFor(localConfig(root))
    const outcomes = await run(
      pricesSink.write(system.context, [
        { naturalKey: "ALP-TEE-M-WHT|default|EUR|1", payload: priceRow("ALP-TEE-M-WHT", "29,90") },
        {
          naturalKey: "ALP-HOOD-M-NVY|default|EUR|1",
          externalId: "ALP-HOOD-M-NVY|default|EUR|1",
          payload: priceRow("ALP-HOOD-M-NVY", "69,00"),
        },
      ]),
    )
    expect(outcomes.map((o) => (o.ok ? o.action : "failed"))).toEqual(["created", "updated"])
    const [file, ...more] = readdirSync(join(root, "outbox"))
    expect(more).toEqual([])
    expect(file).toMatch(/^prices-\d{8}T\d{6}Z-[0-9a-f]{6}\.csv$/)
    const bytes = readFileSync(join(root, "outbox", file ?? ""))
    // Windows-1252: "Währung" has ä as the single byte 0xE4.
    expect(bytes.includes(0xe4)).toBe(true)
    expect(decodeText(bytes, "latin1")).toBe(
      [
        "Artikelnummer;VK brutto;Währung;Preisliste;ab Menge;taxIncluded;Geändert am",
        "ALP-TEE-M-WHT;29,90;EUR;default;1;true;30.11.2026 08:00",
        "ALP-HOOD-M-NVY;69,00;EUR;default;1;true;30.11.2026 08:00",
        "",
      ].join("\r\n"),
    )
  })

  it("writes JSON Lines for a JSONL feed and links nothing on lookup (exports are append-only)", async () => {
    const root = emptyRoot()
    const system = await systemFor(localConfig(root))
    const level: FileRecord = {
      file: "",
      modifiedAt: "2026-11-30T07:00:00Z",
      rows: [
        {
          line: 1,
          values: { sku: "ALP-BEANIE", locationCode: "BER", onHand: 12, reserved: 0, safetyStock: 0, incoming: 0 },
        },
      ],
      columns: {},
      options: { decimalSeparator: ".", dateFormat: "iso", timeZone: "Europe/Berlin" },
    }
    await run(stockSink.write(system.context, [{ naturalKey: "ALP-BEANIE@BER", payload: level }]))
    const [file] = readdirSync(join(root, "outbox"))
    expect(readFileSync(join(root, "outbox", file ?? ""), "utf-8")).toBe(
      '{"artikel":"ALP-BEANIE","lager":"BER","bestand":12,"reserviert":0,"sicherheitsbestand":0,"zulauf":0}\n',
    )
    expect((await run(stockSink.lookup(system.context, ["ALP-BEANIE@BER"]))).size).toBe(0)
  })
})

describe("atomic write", () => {
  it("never shows a partial file under the final name: the data is in <name>.tmp until the rename", async () => {
    const root = emptyRoot()
    const local = localStore("erp", root)
    const seen: string[][] = []
    const watching: FileStore = {
      ...local,
      write: (path, data) =>
        local.write(path, data).pipe(Effect.tap(() => Effect.sync(() => seen.push(readdirSync(join(root, "outbox")))))),
    }
    await run(writeAtomic(watching, "outbox", "prices-1.csv", new TextEncoder().encode("a;b\r\n")))
    expect(seen).toEqual([["prices-1.csv.tmp"]])
    expect(readdirSync(join(root, "outbox"))).toEqual(["prices-1.csv"])
  })

  it("removes the temporary file and reports the failure when the rename fails", async () => {
    const root = emptyRoot()
    const local = localStore("erp", root)
    const failing: FileStore = {
      ...local,
      rename: (from) =>
        Effect.fail(
          new VendorResponseError({ system: "erp", operation: `rename ${from}`, detail: "EIO: disk failure" }),
        ),
    }
    const error = await runFailure(writeAtomic(failing, "outbox", "prices-2.csv", new TextEncoder().encode("a;b\r\n")))
    expect(error._tag).toBe("VendorResponseError")
    expect(readdirSync(join(root, "outbox"))).toEqual([])
  })
})
