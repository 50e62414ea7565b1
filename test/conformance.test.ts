import { Chunk, Effect, Stream } from "effect"
import { setupServer } from "msw/node"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { SANDBOX_CLIENT as AKENEO_CLIENT, akeneo } from "../connectors/akeneo/index.ts"
import { SANDBOX_SELLER_ID as AMAZON_SELLER_ID, amazon } from "../connectors/amazon/index.ts"
import { ebay, ebaySandboxCredentials } from "../connectors/ebay/index.ts"
import { files, filesSandbox, filesSandboxFeeds } from "../connectors/files/index.ts"
import { hubspot } from "../connectors/hubspot/index.ts"
import { connectors } from "../connectors/index.ts"
import { odoo } from "../connectors/odoo/index.ts"
import { shopify } from "../connectors/shopify/index.ts"
import {
  SANDBOX_CLIENT_ID as SHOPWARE_CLIENT_ID,
  SANDBOX_CLIENT_SECRET as SHOPWARE_CLIENT_SECRET,
  SEED_IDS as SHOPWARE_SEED,
  shopware,
} from "../connectors/shopware/index.ts"
import { SANDBOX_ADMIN as VENDURE_ADMIN, vendure } from "../connectors/vendure/index.ts"
import { woocommerce } from "../connectors/woocommerce/index.ts"
import {
  instantiateSystem,
  type StreamCursor,
  type SystemDeclaration,
  type SystemInstance,
} from "../core/connector/index.ts"
import { comparePositions } from "../core/hub/index.ts"
import { decodeRecord, type EntityMapping, mappingContext } from "../core/mapping/index.ts"
import type { EntityName } from "../core/model/index.ts"
import { defaultMappings } from "../mappings/index.ts"

// Every connector passes the same checks against its own sandbox: the SDK's promises
// (paging terminates, cursors resume, seed data maps, sinks link) hold for all of them.
const cases: Record<string, SystemDeclaration> = {
  ebay: ebay({ ...ebaySandboxCredentials, baseUrl: "https://api.ebay.conformance.test" }) as SystemDeclaration,
  amazon: amazon({
    clientId: "amzn1.application-oa2-client.conformance",
    clientSecret: "conformance-secret",
    refreshToken: "Atzr|conformance",
    sellerId: AMAZON_SELLER_ID,
  }) as SystemDeclaration,
  shopware: shopware({
    baseUrl: "https://alpenglow-shopware.conformance.test",
    clientId: SHOPWARE_CLIENT_ID,
    clientSecret: SHOPWARE_CLIENT_SECRET,
    taxes: { "19": SHOPWARE_SEED.tax19, "7": SHOPWARE_SEED.tax7 },
    pickupShippingMethods: { click_collect_ber: "BER" },
  }) as SystemDeclaration,
  akeneo: akeneo({
    baseUrl: "https://alpenglow.cloud.akeneo.conformance.test",
    clientId: AKENEO_CLIENT.clientId,
    secret: AKENEO_CLIENT.secret,
    username: AKENEO_CLIENT.username,
    password: AKENEO_CLIENT.password,
  }) as SystemDeclaration,
  shopify: shopify({
    shop: "alpenglow",
    accessToken: "shpat_conformance",
    baseUrl: "https://alpenglow.myshopify.com",
  }) as SystemDeclaration,
  odoo: odoo({ baseUrl: "https://odoo.conformance.test", apiKey: "conformance-key" }) as SystemDeclaration,
  // Files has no HTTP: its sandbox is a seeded directory, read here as a local location.
  files: files({
    location: { kind: "local", path: filesSandbox().state.root },
    feeds: filesSandboxFeeds,
  }) as SystemDeclaration,
  hubspot: hubspot({
    baseUrl: "https://api.hubapi.conformance.test",
    accessToken: "pat-conformance",
  }) as SystemDeclaration,
  woocommerce: woocommerce({
    baseUrl: "https://shop.conformance.test",
    consumerKey: "ck_conformance",
    consumerSecret: "cs_conformance",
  }) as SystemDeclaration,
  vendure: vendure({
    baseUrl: "https://vendure.conformance.test/admin-api",
    username: VENDURE_ADMIN.username,
    password: VENDURE_ADMIN.password,
  }) as SystemDeclaration,
  // Declared from the registry: the sandbox's own login (scripts/peers/tryton.sh's defaults).
  tryton: {
    _tag: "SystemDeclaration",
    connector: connectors.tryton!,
    input: { baseUrl: "https://tryton.conformance.test", database: "esl", username: "admin", password: "admin" },
  } as SystemDeclaration,
}

// Natural keys in each entity's shape (entities.ts) that no sandbox seeds.
const unknownKeys: Record<EntityName, ReadonlyArray<string>> = {
  product: ["ESL-NO-SUCH-PRODUCT"],
  price: ["ESL-NO-SUCH-SKU|default|EUR|1"],
  inventory: ["ESL-NO-SUCH-SKU@WH"],
  location: ["ESL-NO-SUCH-LOCATION"],
  category: ["esl/no-such-category"],
  customer: ["email:nobody-esl@example.com", "no:ESL-NO-SUCH-CUSTOMER"],
  order: ["shopify:ESL-NO-SUCH-ORDER"],
  fulfillment: ["shopify:ESL-NO-SUCH-ORDER:1"],
  return: ["shopify:ESL-NO-SUCH-RETURN"],
  customerEvent: ["ESL-NO-SUCH-EVENT"],
}

const readAll = (system: SystemInstance, streamName: string, options: { since?: StreamCursor; pageSize?: number }) => {
  const stream = system.connector.streams[streamName]
  if (!stream) throw new Error(`no stream ${streamName}`)
  return Effect.runPromise(
    stream.read(system.context, options).pipe(
      Stream.runCollect,
      Effect.map((pages) => Chunk.toReadonlyArray(pages)),
    ),
  )
}

describe.each(Object.keys(connectors))("connector conformance: %s", (name) => {
  const connector = connectors[name]!
  const declaration = cases[name]
  const server = setupServer(...connector.sandbox({ rateLimits: false }).handlers)
  let system: SystemInstance

  beforeAll(async () => {
    server.listen({ onUnhandledRequest: "error" })
    if (!declaration) throw new Error(`add ${name} to the conformance cases`)
    system = await Effect.runPromise(instantiateSystem(name, declaration, {}))
  })
  afterAll(() => server.close())

  it("declares itself completely: docs, version, a sandbox port, at least one stream or sink", () => {
    expect(connector.docsUrl).toMatch(/^https:\/\//)
    expect(connector.apiVersion.length).toBeGreaterThan(0)
    expect(connector.sandboxPort).toBeGreaterThan(1024)
    expect(Object.keys(connector.streams).length + Object.keys(connector.sinks).length).toBeGreaterThan(0)
    for (const sink of Object.values(connector.sinks)) expect(sink.maxBatchSize).toBeGreaterThan(0)
  })

  it("passes its own check against the sandbox", async () => {
    const result = await Effect.runPromise(connector.check(system.context))
    expect(result.ok).toBe(true)
  })

  it.each(Object.keys(connector.streams))(
    "stream %s pages to the end with small pages, each record once",
    async (streamName) => {
      const stream = connector.streams[streamName]!
      const pages = await readAll(system, streamName, { pageSize: 2 })
      const ids = pages.flat().map((raw) => stream.idOf(raw))
      expect(new Set(ids).size).toBe(ids.length)
      for (const page of pages) expect(page.length).toBeGreaterThan(0)
    },
  )

  it.each(Object.keys(connector.streams))(
    "stream %s: the sandbox's seed maps to the canonical model",
    async (streamName) => {
      const stream = connector.streams[streamName]!
      const mapping = defaultMappings[name]?.[stream.entity] as EntityMapping<EntityName, unknown, unknown> | undefined
      expect(mapping?.read, `${name} has no read mapping for ${stream.entity}`).toBeDefined()
      const ctx = mappingContext(name, system.defaults, {})
      const pages = await readAll(system, streamName, {})
      for (const raw of pages.flat()) {
        const decoded = await Effect.runPromise(Effect.either(decodeRecord(mapping!, ctx, raw, stream.idOf(raw))))
        expect(decoded._tag === "Left" ? decoded.left.message : "ok").toBe("ok")
      }
    },
  )

  it.each(
    Object.entries(connector.streams)
      .filter(([, s]) => s.incremental)
      .map(([n]) => n),
  )("stream %s resumes from its cursor: nothing after the last position means nothing new", async (streamName) => {
    const stream = connector.streams[streamName]!
    const records = (await readAll(system, streamName, {})).flat()
    expect(records.length).toBeGreaterThan(0)
    const positions = records.map((r) => stream.positionOf(r))
    const sorted = [...positions].sort(comparePositions)
    expect(positions).toEqual(sorted)
    const last = sorted[sorted.length - 1]!
    const after = (await readAll(system, streamName, { since: last })).flat()
    const fresh = after.filter((r) => comparePositions(stream.positionOf(r), last) > 0)
    expect(fresh).toEqual([])
  })

  it.each(Object.keys(connector.sinks))(
    "sink %s finds nothing to link for keys the vendor does not have",
    async (sinkName) => {
      const sink = connector.sinks[sinkName]!
      const found = await Effect.runPromise(sink.lookup(system.context, unknownKeys[sink.entity]))
      expect(found.size).toBe(0)
    },
  )
})
