/**
 * `products` ← canonical `product`: one HubSpot product per variant, upserted by `hs_sku` (so a
 * retried create never duplicates). A product's outcome is its first variant's product id; it
 * fails, with HubSpot's message, when any of its variants was refused. The upsert is the link,
 * so the engine does not look up before writing; `lookup` finds the products whose SKU is the
 * product number (single-variant products), for the conformance checks and tools that ask.
 */
import { Effect } from "effect"
import { defineSink, type WriteOutcome } from "../../../core/connector/define.ts"
import { RecordRejected } from "../../../core/connector/errors.ts"
import { batchRead } from "../client.ts"
import type { HubspotConfig } from "../config.ts"
import type { ProductPayload } from "../schemas/payload.ts"
import { type BatchInput, upsertAll } from "./batchWrite.ts"

/** Products → HubSpot products by `hs_sku`. */
export const productsSink = defineSink<HubspotConfig, ProductPayload>({
  entity: "product",
  description: "a HubSpot product per variant, upserted by hs_sku",
  // The variants of a batch go in upserts of 100 inputs each.
  maxBatchSize: 100,
  operations: ["upsert"],
  // The upsert by hs_sku is the link: the engine does not look up before writing.
  linksOnWrite: true,
  lookup: (ctx, naturalKeys) =>
    batchRead(ctx, "products", naturalKeys, ["hs_sku"], "hs_sku").pipe(
      Effect.map((products) => {
        const found = new Map<string, string>()
        for (const product of products) {
          const sku = product.properties.hs_sku
          const key = naturalKeys.find((k) => k.toLowerCase() === sku?.toLowerCase())
          if (key !== undefined) found.set(key, product.id)
        }
        return found
      }),
    ),
  write: (ctx, items) =>
    Effect.gen(function* () {
      const inputs: Array<BatchInput> = items.flatMap((item) =>
        item.payload.variants.map((v, index) => ({
          key: `${item.naturalKey}\u0000${index}`,
          id: v.sku,
          properties: v.properties,
        })),
      )
      const written = yield* upsertAll(ctx, "products", "hs_sku", inputs)
      return items.map((item): WriteOutcome => {
        const results = item.payload.variants.map((_, index) => written.get(`${item.naturalKey}\u0000${index}`))
        const failedAt = results.findIndex((r) => r === undefined || !r.ok)
        const failed = failedAt < 0 ? undefined : results[failedAt]
        if (failedAt >= 0) {
          return {
            naturalKey: item.naturalKey,
            ok: false,
            error: new RecordRejected({
              system: ctx.system,
              entity: "product",
              recordKey: item.naturalKey,
              reason: failed !== undefined && !failed.ok ? failed.reason : "HubSpot returned no result",
              path: `$.variants[${failedAt}]`,
            }),
          }
        }
        const first = results[0]
        return first?.ok
          ? {
              naturalKey: item.naturalKey,
              ok: true,
              externalId: first.id,
              action: results.every((r) => r?.ok && r.created) ? "created" : "updated",
            }
          : {
              naturalKey: item.naturalKey,
              ok: false,
              error: new RecordRejected({
                system: ctx.system,
                entity: "product",
                recordKey: item.naturalKey,
                reason: "HubSpot returned no result",
              }),
            }
      })
    }),
})
