/**
 * Credentials never appear in logs, errors, run history or the DLQ — even when a careless vendor
 * echoes them back in its error answers and records.
 */
import { inspect } from "node:util"
import { Cause, Effect, HashMap, Logger, LogLevel, Redacted, Schema, Stream } from "effect"
import { HttpResponse } from "msw"
import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { files } from "../connectors/files/index.ts"
import { defineConfig } from "../core/config/index.ts"
import { ConfigError, defineConnector, env, instantiateSystem, systemFactory } from "../core/connector/index.ts"
import { replayAll, runFlow, runFlows } from "../core/sync/index.ts"
import {
  at,
  buildMemoryApp,
  ERP_TOKEN,
  environment,
  erpToShopConfig,
  type Harness,
  makeHarness,
  SHOP_TOKEN,
  serveVendors,
} from "./support/harness.ts"
import { memory, memoryConnector, memoryVendor } from "./support/memoryVendor.ts"

const erp = memoryVendor({ origin: "https://erp.memory.test", token: ERP_TOKEN })
const shop = memoryVendor({ origin: "https://shop.memory.test", token: SHOP_TOKEN })
serveVendors(erp, shop)

const SECRETS = [ERP_TOKEN, SHOP_TOKEN]

/** Every log line of every level, with annotations, spans and causes. */
const logLines: string[] = []
const logger = Logger.make(({ logLevel, message, annotations, cause, spans }) => {
  logLines.push(
    [
      logLevel.label,
      inspect(message, { depth: 20 }),
      JSON.stringify(Object.fromEntries(HashMap.toEntries(annotations))),
      inspect(spans, { depth: 5 }),
      Cause.isEmpty(cause) ? "" : Cause.pretty(cause),
    ].join(" "),
  )
})
const captured = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  effect.pipe(Effect.provide(Logger.replace(Logger.defaultLogger, logger)), Logger.withMinimumLogLevel(LogLevel.All))

/** What the vendor sent: the Authorization header, echoed back in every error answer below. */
const echo = (request: Request) => request.headers.get("authorization") ?? ""

let h: Harness
beforeEach(async () => {
  logLines.length = 0
  h = await makeHarness(erpToShopConfig(erp, shop), { environment })
})
afterEach(() => h.close())

describe("secrets in a run where everything goes wrong", () => {
  it("appear in no log line, error, flow result, run history or dead letter", async () => {
    const outputs: string[] = []
    const keep = (value: unknown) => outputs.push(typeof value === "string" ? value : JSON.stringify(value))
    const keepError = (error: unknown) => {
      keep(error instanceof Error ? error.message : inspect(error))
      keep(error)
      keep(inspect(error, { depth: 10 }))
    }

    erp.put(
      ...Array.from({ length: 4 }, (_, i) => ({
        sku: `SKU-${i + 1}`,
        title: `Item ${i + 1}`,
        price: 10 + i,
        updated_at: at(i),
      })),
    )
    // A record that cannot be mapped (no sku) and carries the token in a free-text field.
    erp.put({ id: 90, title: "Broken", price: 1, updated_at: at(9), note: `synced with Bearer ${ERP_TOKEN}` } as never)

    // 1. Lookups fail twice with a 500 echoing the token (retried), then the batch rejects every
    //    item with a message that echoes it too.
    shop.failNext("GET /items/lookup", 2, (request) =>
      HttpResponse.json({ error: "internal", detail: `upstream refused ${echo(request)}` }, { status: 500 }),
    )
    shop.failNext("POST /items/batch", 1, async (request) => {
      const { items } = (await request.json()) as { items: Array<{ sku: string }> }
      return HttpResponse.json({
        results: items.map((item) => ({
          sku: item.sku,
          ok: false,
          errors: [{ field: "price", message: `price list locked for ${echo(request)} (token=${SHOP_TOKEN})` }],
        })),
      })
    })
    const first = await h.exec(captured(runFlows(h.flows)))
    keep(first)
    expect(first.map((r) => r.status)).toEqual(["partial", "partial"])

    // 2. Replays hit a batch answering 500 with the token in its body (a POST is not retried).
    shop.failNext("POST /items/batch", 10, (request) =>
      HttpResponse.json(
        { error: "internal", authorization: echo(request), trace: `auth=${echo(request)}` },
        { status: 500 },
      ),
    )
    const replays = await h.exec(captured(replayAll(h.flows)))
    for (const replay of replays) replay._tag === "Left" ? keepError(replay.left) : keep(replay.right)
    expect(replays.some((r) => r._tag === "Left")).toBe(true)

    // 3. A full outbound run answered with HTTP 422 for the whole batch.
    shop.failNext("POST /items/batch", 10, (request) =>
      HttpResponse.json({ message: `validation failed for request signed ${echo(request)}` }, { status: 422 }),
    )
    const rejected = await h.exec(captured(runFlow(h.flow("shop-items"), { full: true })))
    keep(rejected)
    expect(rejected.status).toBe("failed")

    // 4. The erp rotated its token: 401, and the vendor echoes the one we presented.
    erp.token = "rotated-token-000000"
    erp.change(1, { price: 99 })
    const unauthorized = await h.exec(captured(runFlow(h.flow("erp-items"))))
    keep(unauthorized)
    expect(unauthorized.status).toBe("failed")
    expect(unauthorized.error).toMatch(/HTTP 401/)

    // The connector's own typed errors, as a caller of the SDK would see them.
    const read = await Effect.runPromise(
      captured(
        Effect.either(Stream.runCollect(h.inbound("erp-items").stream.read(h.inbound("erp-items").system.context, {}))),
      ),
    )
    expect(read._tag).toBe("Left")
    if (read._tag === "Left") keepError(read.left)

    keep(await h.exec(h.store.listRuns({ limit: 100 })))
    const letters = await h.exec(h.store.listDeadLetters({ limit: 1000 }))
    keep(letters)
    expect(letters.map((l) => l.errorTag).sort()).toEqual(["MappingError", ...Array(4).fill("RecordRejected")])
    // The echoes reached the DLQ, scrubbed: the vendor's message and the record as it was.
    expect(letters.find((l) => l.errorTag === "RecordRejected")?.reason).toContain(
      "price list locked for Bearer [REDACTED]",
    )
    expect(letters.find((l) => l.errorTag === "MappingError")?.payload).toMatchObject({
      note: "synced with Bearer [REDACTED]",
    })

    const haystack = [...logLines, ...outputs].join("\n")
    // The scenario really happened: retries were logged, errors were recorded, secrets were scrubbed.
    expect(logLines.some((line) => line.includes("http retry"))).toBe(true)
    expect(haystack).toMatch(/HTTP 500/)
    expect(haystack).toMatch(/HTTP 422/)
    expect(haystack).toContain("[REDACTED]")
    for (const secret of SECRETS) {
      expect(haystack).not.toContain(secret)
      expect(haystack).not.toContain(encodeURIComponent(secret))
    }
  })
})

describe("configuration errors", () => {
  const declaration = memory({ baseUrl: erp.baseUrl, token: env("ERP_TOKEN") })

  it("a missing environment variable is a ConfigError naming the variable and the path systems.<name>.<field>", async () => {
    const result = await Effect.runPromise(Effect.either(instantiateSystem("erp", declaration, {})))
    expect(result._tag).toBe("Left")
    const error = result._tag === "Left" ? result.left : undefined
    expect(error).toBeInstanceOf(ConfigError)
    expect(error?.path).toBe("systems.erp.token")
    expect(error?.message).toContain("ERP_TOKEN")
    expect(error?.message).toContain("systems.erp.token")

    // buildApp stops at start with the same error, naming the system of the config.
    const app = await Effect.runPromise(Effect.either(buildMemoryApp(erpToShopConfig(erp, shop), { ERP_TOKEN })))
    expect(app._tag === "Left" && app.left).toMatchObject({ _tag: "ConfigError", path: "systems.shop.token" })
    expect(app._tag === "Left" && app.left.message).toContain("SHOP_TOKEN")
  })

  it("env() works inside nested config values: an SFTP password inside `location`", async () => {
    const sftp = files({
      location: {
        kind: "sftp",
        host: "sftp.erp.test",
        username: "esl-export",
        password: env("SFTP_PASSWORD"),
        path: "/exports",
      },
    })
    const missing = await Effect.runPromise(Effect.either(instantiateSystem("erp", sftp, {})))
    expect(missing._tag === "Left" && missing.left).toMatchObject({
      _tag: "ConfigError",
      path: "systems.erp.location.password",
    })
    expect(missing._tag === "Left" && missing.left.message).toContain("SFTP_PASSWORD")
    const system = await Effect.runPromise(instantiateSystem("erp", sftp, { SFTP_PASSWORD: "sftp-s3cret-7781" }))
    const location = system.config.location
    expect(location.kind === "sftp" && location.password !== undefined && Redacted.value(location.password)).toBe(
      "sftp-s3cret-7781",
    )
    expect(inspect(system.config)).not.toContain("sftp-s3cret-7781")
  })

  it("an invalid field next to a secret shows the field's path and no secret value", async () => {
    const config = defineConfig({
      systems: { erp: memory({ baseUrl: "ftp://erp.memory.test", token: env("ERP_TOKEN") }) },
      flows: {},
    })
    const result = await Effect.runPromise(Effect.either(buildMemoryApp(config, environment)))
    expect(result._tag === "Left" && result.left).toMatchObject({ _tag: "ConfigError", path: "systems.erp.baseUrl" })
    const shown =
      result._tag === "Left" ? [result.left.message, JSON.stringify(result.left), inspect(result.left)].join("\n") : ""
    expect(shown).not.toContain(ERP_TOKEN)
  })

  it("a secret too short for the connector is refused without showing it", async () => {
    const result = await Effect.runPromise(
      Effect.either(instantiateSystem("erp", declaration, { ERP_TOKEN: "abc123" })),
    )
    expect(result._tag === "Left" && result.left).toMatchObject({ path: "systems.erp.token" })
    expect(result._tag === "Left" && `${result.left.message}${JSON.stringify(result.left)}`).not.toContain("abc123")
  })

  // KNOWN BUG (core/connector/instantiate.ts, not ours to edit): a secret that fails a schema with
  // Effect's default message is quoted in the ConfigError ("…, actual \"<the secret>\""). Remove
  // `.fails` once instantiateSystem redacts the values it resolved from env().
  it("a secret that fails the connector's schema check is not quoted in the ConfigError", async () => {
    const strict = defineConnector({
      ...memoryConnector,
      config: Schema.Struct({
        baseUrl: Schema.String,
        token: Schema.Redacted(Schema.String.pipe(Schema.pattern(/^tok_/))),
        pageSize: Schema.optionalWith(Schema.Number, { default: () => 100 }),
      }),
    })
    const result = await Effect.runPromise(
      Effect.either(
        instantiateSystem("erp", systemFactory(strict)({ baseUrl: erp.baseUrl, token: env("ERP_TOKEN") }), environment),
      ),
    )
    expect(result._tag === "Left" && result.left.path).toBe("systems.erp.token")
    expect(result._tag === "Left" && result.left.message).not.toContain(ERP_TOKEN)
  })
})
