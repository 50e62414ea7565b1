import { mkdirSync, rmSync, writeFileSync } from "node:fs"
import { resolve } from "node:path"
import { Command } from "@effect/cli"
import axios from "axios"
import { Effect } from "effect"
import { type RunningSandbox, serveSandbox } from "../../core/connector/index.ts"
import { withState } from "../../core/runtime/app.ts"
import { exitCodeOf, runFlows } from "../../core/sync/index.ts"
import { connectors, loadApp } from "../app.ts"
import { jsonOption } from "../options.ts"
import { printJson, progressReporter } from "../output.ts"
import { starterConfig } from "../starterConfig.ts"
import { CliFailure } from "./failure.ts"
import { syncReport, syncSummary } from "./sync.ts"

const DEMO_DIR = ".esl/demo"

/** Changes made in the ERP between the two runs, through its own API like a user would. */
const changeSomethingInTheErp = async (erpUrl: string) => {
  const call = async (model: string, method: string, body: Record<string, unknown>) =>
    (
      await axios.post(`${erpUrl}/json/2/${model}/${method}`, body, {
        headers: { Authorization: "bearer sandbox-key", "Content-Type": "application/json" },
      })
    ).data as unknown
  const [beanie] = (await call("product.product", "search", {
    domain: [["default_code", "=", "ALP-BEANIE"]],
  })) as number[]
  if (beanie === undefined) throw new Error("ALP-BEANIE is not in the ERP sandbox")
  await call("product.product", "write", { ids: [beanie], vals: { lst_price: 17.99 } })
  const [tee] = (await call("product.product", "search", {
    domain: [["default_code", "=", "ALP-TEE-M-BLK"]],
  })) as number[]
  const quants = (await call("stock.quant", "search_read", {
    domain: [
      ["product_id", "=", tee],
      ["location_id.usage", "=", "internal"],
    ],
    fields: ["id", "quantity"],
    limit: 1,
  })) as Array<{ id: number; quantity: number }>
  const quant = quants[0]
  if (quant) await call("stock.quant", "write", { ids: [quant.id], vals: { quantity: quant.quantity + 25 } })
  return ["ALP-BEANIE list price 19.99 → 17.99 EUR", "ALP-TEE-M-BLK +25 on hand (goods received)"]
}

export const demoCommand = Command.make("demo", { json: jsonOption }, (o) =>
  Effect.gen(function* () {
    const odoo = connectors.odoo
    const shopify = connectors.shopify
    if (!odoo || !shopify) return yield* new CliFailure({ message: "the demo needs the odoo and shopify connectors" })
    const say = (text: string) => {
      if (!o.json) process.stdout.write(`${text}\n`)
    }
    const dir = resolve(DEMO_DIR)
    rmSync(dir, { recursive: true, force: true })
    mkdirSync(dir, { recursive: true })
    const configFile = resolve(dir, "esl.config.ts")
    writeFileSync(configFile, starterConfig("eslayer"))

    const servers = yield* Effect.acquireRelease(
      Effect.promise(
        async (): Promise<{ erp: RunningSandbox; shop: RunningSandbox }> => ({
          erp: await serveSandbox(odoo.sandbox()),
          shop: await serveSandbox(shopify.sandbox()),
        }),
      ),
      (s) => Effect.promise(() => Promise.all([s.erp.close(), s.shop.close()])),
    )
    process.env.ODOO_URL = servers.erp.url
    process.env.SHOPIFY_URL = servers.shop.url
    say("esl demo — an omnichannel retailer on sandboxes, no credentials needed")
    say(`  ERP  (Odoo sandbox)    ${servers.erp.url}`)
    say(`  shop (Shopify sandbox) ${servers.shop.url}`)
    say(`  config ${DEMO_DIR}/esl.config.ts · state ${DEMO_DIR}/.esl/state.db\n`)

    const app = yield* loadApp(configFile)
    const progress = progressReporter(!o.json && process.stderr.isTTY === true)
    const run = () =>
      withState(app, runFlows(app.flows, { onProgress: progress.update })).pipe(Effect.tap(() => progress.done()))

    say("Run 1: products, prices and stock ERP → hub → shop; customers and orders shop → hub → ERP")
    const first = yield* run()
    say(`${syncSummary(first)}\n`)

    const changes = yield* Effect.tryPromise({
      try: () => changeSomethingInTheErp(servers.erp.url),
      catch: (e) =>
        new CliFailure({ message: `could not change the ERP sandbox: ${e instanceof Error ? e.message : String(e)}` }),
    })
    say(`Meanwhile in the ERP: ${changes.join("; ")}\n`)
    say("Run 2: only what changed moves")
    const second = yield* run()
    say(syncSummary(second))
    say(
      "\nOnly the ERP's two changes reached the shop; everything else was left alone, by cursor or by\ncontent hash. (Run 1's shop orders were confirmed in the ERP before stock was read, so the\nshop already sells what the ERP reserved for them.)",
    )

    if (o.json) {
      printJson({
        firstRun: syncReport(first, app.stateDescription),
        changesInErp: changes,
        secondRun: syncReport(second, app.stateDescription),
      })
    }
    process.exitCode = Math.max(exitCodeOf(first), exitCodeOf(second))
  }).pipe(Effect.scoped),
).pipe(Command.withDescription("the omnichannel demo on the sandboxes: ERP ⇄ hub ⇄ shop, twice"))
