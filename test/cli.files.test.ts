/**
 * The public CLI path for the Files connector: `esl sandbox files` (an SFTP server) as a
 * process, then `esl check` and `esl sync --json` reading prices and stock from its export files
 * into the hub and on to the Shopify sandbox; a second sync reads nothing because the files were
 * moved to processed/; a process killed mid-file loses nothing.
 */
import { describe, expect, it } from "vitest"
import { encodeText } from "../connectors/files/format/encoding.ts"
import { type SyncJson, useSandboxProject } from "./support/cli.ts"
import { sandboxFolder, startFilesSandboxProcess, uploadToInbox } from "./support/files.ts"

/** Each step starts `esl` processes; on a loaded machine one takes many seconds to boot. */
const SLOW = 180_000

const config = `import { defineConfig, env } from "eslayer"
import { files, filesSandboxFeeds } from "eslayer/connectors/files"
import { shopify } from "eslayer/connectors/shopify"

export default defineConfig({
  systems: {
    erp: files({
      location: {
        kind: "sftp",
        host: "127.0.0.1",
        port: Number(process.env.FILES_SFTP_PORT),
        username: "esl-export",
        password: env("FILES_SFTP_PASSWORD"),
        path: "/",
      },
      feeds: filesSandboxFeeds,
    }),
    shop: shopify({
      shop: "alpenglow",
      baseUrl: env("SHOPIFY_URL"),
      accessToken: env("SHOPIFY_TOKEN", "shpat_sandbox"),
      locations: { WH: "Central Warehouse Hamburg", BER: "Berlin Mitte Store" },
    }),
  },
  ownership: { product: { "*": "erp" }, price: { "*": "erp" }, inventory: { "*": "erp" } },
  flows: {
    "erp-products": { from: "erp", stream: "products" },
    "erp-prices": { from: "erp", stream: "prices", pageSize: 5 },
    "erp-stock": { from: "erp", stream: "stock" },
    "shop-products": { to: "shop", sink: "products" },
    // Shopify keeps one price per variant: the list price.
    "shop-prices": { to: "shop", sink: "prices", filter: (price) => price.priceList === "default" },
    "shop-stock": { to: "shop", sink: "inventory" },
  },
})
`

describe("esl sync from the Files SFTP sandbox to the Shopify sandbox", () => {
  // The OS picks the SFTP sandbox's port; it is read back from the URL the sandbox prints.
  const portOf = (url: string) => Number(new URL(url).port)
  const { esl, urls } = useSandboxProject("cli-files", {
    config,
    sandboxes: { sftp: () => startFilesSandboxProcess(0), shop: "shopify" },
    env: ({ sftp, shop }) => ({
      FILES_SFTP_PORT: String(portOf(sftp)),
      FILES_SFTP_PASSWORD: "sandbox-sftp-password",
      SHOPIFY_URL: shop,
    }),
    startTimeout: SLOW,
  })
  const sftpPort = () => portOf(urls.sftp)
  const sync = async (extra: ReadonlyArray<string> = [], environment: Record<string, string> = {}) => {
    const run = await esl(["sync", "--json", ...extra], environment)
    return { run, report: run.stdout ? (JSON.parse(run.stdout) as SyncJson) : undefined }
  }

  it(
    "serves SFTP and checks both systems",
    async () => {
      expect(urls.sftp).toMatch(/^sftp:\/\/127\.0\.0\.1:\d+$/)
      const run = await esl(["check", "--json"])
      expect(run.code, run.stderr + run.stdout).toBe(0)
      const report = JSON.parse(run.stdout) as { checks: Array<{ system: string; ok: boolean; detail?: string }> }
      expect(report.checks.map((c) => [c.system, c.ok])).toEqual([
        ["erp", true],
        ["shop", true],
      ])
      expect(JSON.stringify(report)).not.toContain("sandbox-sftp-password")
    },
    SLOW,
  )

  it(
    "reads the price and stock exports into the hub and writes them on to the shop",
    async () => {
      const { run, report } = await sync()
      expect(run.code, run.stderr + run.stdout).toBe(0)
      const flows = report?.flows ?? {}
      expect(flows["erp-products"]).toMatchObject({ read: 5, created: 5, failed: 0 })
      expect(flows["erp-prices"]).toMatchObject({ read: 13, created: 13, failed: 0 })
      expect(flows["erp-stock"]).toMatchObject({ read: 18, created: 18, failed: 0 })
      expect(flows["shop-products"]).toMatchObject({ created: 5, failed: 0 })
      // The 11 list prices; the 2 B2B tiers are filtered out.
      expect(flows["shop-prices"]).toMatchObject({ read: 13, skipped: 2, failed: 0 })
      expect((flows["shop-prices"]?.created ?? 0) + (flows["shop-prices"]?.updated ?? 0)).toBe(11)
      expect(flows["shop-stock"]).toMatchObject({ created: 18, failed: 0 })
    },
    SLOW,
  )

  it(
    "reads nothing on the second sync: the committed files were moved to processed/",
    async () => {
      const { run, report } = await sync()
      expect(run.code, run.stderr).toBe(0)
      for (const [name, flow] of Object.entries(report?.flows ?? {})) {
        expect({
          name,
          read: name.startsWith("erp-") ? flow.read : 0,
          created: flow.created,
          updated: flow.updated,
        }).toEqual({
          name,
          read: 0,
          created: 0,
          updated: 0,
        })
      }
      expect(await sandboxFolder(sftpPort(), "processed")).toEqual([
        "artikel-20261102-0600.csv",
        "bestand-20261102-0600.jsonl",
        "preise-20261102-0600.csv",
      ])
      expect(await sandboxFolder(sftpPort(), "inbox")).toEqual([])
    },
    SLOW,
  )

  it(
    "loses nothing when the process is killed after a page of a new file: the rest is read next time",
    async () => {
      const rows = [
        "ALP-TEE-S-BLK",
        "ALP-TEE-M-BLK",
        "ALP-TEE-L-BLK",
        "ALP-TEE-M-WHT",
        "ALP-HOOD-M-NVY",
        "ALP-HOOD-L-NVY",
        "ALP-BEANIE",
      ]
        .map((sku) => `${sku};27,90;EUR`)
        .join("\r\n")
      await uploadToInbox(
        sftpPort(),
        "preise-20261130-0900.csv",
        encodeText(`Artikelnummer;VK brutto;Währung\r\n${rows}\r\n`, "latin1"),
      )
      const killed = await sync(["--flow", "erp-prices"], { ESL_FAULT: "kill-after-read:erp-prices" })
      expect(killed.run.signal).toBe("SIGKILL")
      expect(await sandboxFolder(sftpPort(), "inbox")).toContain("preise-20261130-0900.csv")

      const rest = await sync(["--flow", "erp-prices"])
      expect(rest.run.code, rest.run.stderr).toBe(0)
      expect(rest.report?.flows["erp-prices"]).toMatchObject({ read: 2, updated: 2, failed: 0 })
      const after = await sync(["--flow", "erp-prices"])
      expect(after.report?.flows["erp-prices"]?.read).toBe(0)
      expect(await sandboxFolder(sftpPort(), "processed")).toContain("preise-20261130-0900.csv")
    },
    SLOW,
  )
})
