/**
 * `inventory` ← canonical inventory level: the ship-to-home quantity per SKU with
 * `bulkUpdatePriceQuantity` (25 SKUs per call). eBay keeps one quantity per SKU, so each level
 * becomes that location's `availabilityDistributions` entry and the quantity is their sum over
 * the configured locations (the others already on eBay are read with `bulkGetInventoryItem`).
 * A level at a location not configured is rejected: exclude it with the flow's filter. With
 * `publish: true`, offers that now have stock are published (see publish.ts).
 */
import { Effect } from "effect"
import { defineSink, type WriteOutcome } from "../../../core/connector/index.ts"
import { BULK_LIMIT, ebayRequest } from "../client.ts"
import { type EbayConfig, merchantLocationKeyOf } from "../config.ts"
import { BulkPriceQuantityResponse } from "../schemas/inventory.ts"
import type { StockPayload } from "../schemas/payloads.ts"
import { inventoryItemsBySku } from "./items.ts"
import { publishOffers } from "./publish.ts"
import { refused, rejected } from "./rejection.ts"

const parseKey = (key: string): { sku: string; location: string } => {
  const at = key.lastIndexOf("@")
  return at < 0 ? { sku: key, location: "" } : { sku: key.slice(0, at), location: key.slice(at + 1) }
}

export const inventorySink = defineSink<EbayConfig, StockPayload>({
  entity: "inventory",
  description: "available quantity per SKU, summed over the configured locations (bulkUpdatePriceQuantity)",
  maxBatchSize: BULK_LIMIT,
  operations: ["update"],
  lookup: (ctx, keys) =>
    Effect.gen(function* () {
      const parsed = keys.map((key) => ({ key, ...parseKey(key) }))
      const items = yield* inventoryItemsBySku(
        ctx,
        parsed.map((p) => p.sku),
      )
      const found = new Map<string, string>()
      for (const { key, sku, location } of parsed) {
        const item = items.get(sku)
        const merchantKey = merchantLocationKeyOf(ctx.config, location)
        if (item?.ok !== true || merchantKey === undefined) continue
        const distributions = item.item.availability?.shipToLocationAvailability?.availabilityDistributions ?? []
        if (distributions.some((d) => d.merchantLocationKey === merchantKey)) found.set(key, `${sku}@${merchantKey}`)
      }
      return found
    }),
  write: (ctx, batch) =>
    Effect.gen(function* () {
      const counted = new Set(Object.keys(ctx.config.locations).map((code) => merchantLocationKeyOf(ctx.config, code)))
      const configured = batch.filter(
        (item) => merchantLocationKeyOf(ctx.config, item.payload.locationCode) !== undefined,
      )
      const items = yield* inventoryItemsBySku(
        ctx,
        configured.map((i) => i.payload.sku),
      )
      const requests = new Map<
        string,
        { quantity: number; availabilityDistributions: Array<{ merchantLocationKey: string; quantity: number }> }
      >()
      for (const item of configured) {
        const current = items.get(item.payload.sku)
        if (current?.ok !== true) continue
        const merchantKey = merchantLocationKeyOf(ctx.config, item.payload.locationCode) ?? item.payload.locationCode
        const request =
          requests.get(item.payload.sku) ??
          (() => {
            const existing = current.item.availability?.shipToLocationAvailability?.availabilityDistributions ?? []
            // With configured locations, only theirs count; otherwise every location eBay has.
            const kept = existing.filter((d) => counted.size === 0 || counted.has(d.merchantLocationKey))
            return { quantity: 0, availabilityDistributions: kept.map((d) => ({ ...d })) }
          })()
        const entry = request.availabilityDistributions.find((d) => d.merchantLocationKey === merchantKey)
        if (entry) entry.quantity = item.payload.available
        else
          request.availabilityDistributions.push({ merchantLocationKey: merchantKey, quantity: item.payload.available })
        request.quantity = request.availabilityDistributions.reduce((sum, d) => sum + d.quantity, 0)
        requests.set(item.payload.sku, request)
      }
      const answer =
        requests.size === 0
          ? { responses: [] }
          : yield* ebayRequest(ctx, {
              operation: "inventory.bulkUpdatePriceQuantity",
              api: "inventory",
              method: "POST",
              path: "/bulk_update_price_quantity",
              body: {
                requests: [...requests].map(([sku, shipToLocationAvailability]) => ({
                  sku,
                  shipToLocationAvailability,
                })),
              },
              answer: BulkPriceQuantityResponse,
              idempotent: true,
            })
      const publishable = [...requests]
        .filter(
          ([sku, request]) => request.quantity > 0 && answer.responses.some((r) => r.sku === sku && r.statusCode < 300),
        )
        .flatMap(([sku]) => {
          const current = items.get(sku)
          return current?.ok === true ? [{ sku, item: current.item }] : []
        })
      const unpublished =
        ctx.config.publish && publishable.length > 0 ? yield* publishOffers(ctx, publishable) : new Map<string, never>()
      return batch.map((item): WriteOutcome => {
        const merchantKey = merchantLocationKeyOf(ctx.config, item.payload.locationCode)
        if (merchantKey === undefined) {
          return refused(
            ctx.system,
            "inventory",
            item.naturalKey,
            `location ${item.payload.locationCode} is not one of the eBay locations (${Object.keys(ctx.config.locations).join(", ")}); filter it out of the flow or add it under locations`,
            "$.locationCode",
          )
        }
        const current = items.get(item.payload.sku)
        if (current?.ok !== true) return rejected(ctx.system, "inventory", item.naturalKey, current?.errors ?? [])
        const result = answer.responses.find((r) => r.sku === item.payload.sku)
        if (result === undefined)
          return refused(ctx.system, "inventory", item.naturalKey, "eBay answered nothing for this SKU")
        if (result.statusCode >= 300) return rejected(ctx.system, "inventory", item.naturalKey, result.errors ?? [])
        const notPublished = unpublished.get(item.payload.sku)
        if (notPublished !== undefined) {
          return rejected(ctx.system, "inventory", item.naturalKey, notPublished, "eBay did not publish the offer")
        }
        return {
          naturalKey: item.naturalKey,
          ok: true,
          externalId: `${item.payload.sku}@${merchantKey}`,
          action: item.externalId === undefined ? "created" : "updated",
        }
      })
    }),
})
