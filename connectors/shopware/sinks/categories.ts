/**
 * Categories through the Sync API. Ids derive from the hub's category code (the products sink
 * links products to the same ids), parents are written before their children in a batch.
 */
import { Effect, Schema } from "effect"
import { defineSink, type WriteOutcome } from "../../../core/connector/index.ts"
import { search } from "../client.ts"
import type { ShopwareConfig } from "../config.ts"
import { shopwareId } from "../ids.ts"
import type { CategoryPayload } from "../schemas/payloads.ts"
import { MAX_SYNC_RECORDS, rejection, syncUpsert } from "./sync.ts"

const CategoryId = Schema.Struct({ id: Schema.String })

export const categoriesSink = defineSink<ShopwareConfig, CategoryPayload>({
  entity: "category",
  description: "categories with their parent and localized names",
  maxBatchSize: MAX_SYNC_RECORDS,
  operations: ["upsert"],
  lookup: (ctx, keys) =>
    Effect.gen(function* () {
      const ids = new Map(keys.map((code) => [shopwareId("category", code), code]))
      const found = yield* search(ctx, "category", { ids: [...ids.keys()], limit: ids.size }, CategoryId)
      return new Map(found.flatMap((c) => (ids.has(c.id) ? [[ids.get(c.id) ?? "", c.id] as const] : [])))
    }),
  write: (ctx, items) =>
    Effect.gen(function* () {
      const existing = yield* search(
        ctx,
        "category",
        { ids: items.map((i) => i.payload.id), limit: items.length },
        CategoryId,
      )
      const known = new Set(existing.map((c) => c.id))
      const depth = (code: string) => code.split("/").length
      const ordered = [...items].sort((a, b) => depth(a.naturalKey) - depth(b.naturalKey))
      const results = yield* syncUpsert(
        ctx,
        "category",
        ordered.map((i) => ({ key: i.naturalKey, payload: i.payload })),
      )
      return items.map((item): WriteOutcome => {
        const result = results.get(item.naturalKey)
        return result?.ok === true
          ? {
              naturalKey: item.naturalKey,
              ok: true,
              externalId: item.payload.id,
              action: known.has(item.payload.id) ? "updated" : "created",
            }
          : {
              naturalKey: item.naturalKey,
              ok: false,
              error: rejection(ctx, "category", item.naturalKey, result?.errors ?? [], "write-category"),
            }
      })
    }),
})
