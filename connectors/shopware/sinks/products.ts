/**
 * Products with their variants, through the Sync API: one record per parent product with its
 * variants as `children` (options from property groups), categories, visibility. Shopware needs
 * `price` and `stock` on a new product; prices and stock are their own flows, so a new product
 * is created with a zero price in the default currency and zero stock, which those flows then set.
 */
import { Effect } from "effect"
import { defineSink, type WriteOutcome } from "../../../core/connector/index.ts"
import { DEFAULT_CURRENCY_ID, type ShopwareConfig } from "../config.ts"
import type { ProductPayload } from "../schemas/payloads.ts"
import { uploadNewMedia } from "./media.ts"
import { productsByNumber } from "./productLookup.ts"
import { MAX_SYNC_RECORDS, rejection, syncUpsert } from "./sync.ts"
import { shopTaxes } from "./taxes.ts"

export const productsSink = defineSink<ShopwareConfig, ProductPayload>({
  entity: "product",
  description: "products and variants (property group options), categories, sales channel visibility",
  maxBatchSize: MAX_SYNC_RECORDS,
  operations: ["upsert"],
  lookup: (ctx, keys) =>
    productsByNumber(ctx, keys).pipe(
      Effect.map((found) => new Map([...found].filter(([, p]) => !p.parentId).map(([number, p]) => [number, p.id]))),
    ),
  write: (ctx, items) =>
    Effect.gen(function* () {
      const numbers = items.flatMap((i) => [i.payload.productNumber, ...i.payload.children.map((c) => c.productNumber)])
      const existing = yield* productsByNumber(ctx, numbers)
      const taxes = items.some((i) => i.payload.taxId === undefined) ? yield* shopTaxes(ctx) : new Map<number, string>()
      const currencyId = ctx.config.currencies[ctx.config.currency] ?? DEFAULT_CURRENCY_ID
      const zeroPrice = [{ currencyId, gross: 0, net: 0, linked: true }]
      const records = items.map((item) => {
        const parent = existing.get(item.payload.productNumber)
        const id = item.externalId ?? parent?.id ?? item.payload.id
        const children = item.payload.children.map((child) => {
          const found = existing.get(child.productNumber)
          return found === undefined ? { ...child, stock: 0 } : { ...child, id: found.id }
        })
        const { mediaSources: _sources, taxRate, ...fields } = item.payload
        const payload = {
          ...fields,
          taxId: fields.taxId ?? taxes.get(taxRate),
          id,
          children,
          visibilities: item.payload.visibilities.map((v) => ({ ...v })),
          configuratorSettings: item.payload.configuratorSettings,
          ...(parent === undefined ? { price: zeroPrice, stock: 0 } : {}),
        }
        return { key: item.naturalKey, payload, created: parent === undefined, sources: item.payload.mediaSources }
      })
      const untaxed = records.filter((r) => r.payload.taxId === undefined)
      const results = new Map(
        yield* syncUpsert(
          ctx,
          "product",
          records.filter((r) => r.payload.taxId !== undefined),
        ),
      )
      for (const record of untaxed) {
        const rate = items.find((i) => i.naturalKey === record.key)?.payload.taxRate
        results.set(record.key, {
          ok: false,
          errors: [
            {
              status: "400",
              code: "ESL__NO_TAX_FOR_RATE",
              title: "No tax",
              detail: `Shopware has no tax with rate ${rate} %; create it, or map the rate in the connector's \`taxes\` config`,
              pointer: `/write-product/${records.indexOf(record)}/taxId`,
            },
          ],
        })
      }
      const written = records.filter((r) => results.get(r.key)?.ok === true)
      const uploads = yield* uploadNewMedia(
        ctx,
        written.flatMap((r) => r.sources.map((s) => ({ ...s, key: r.key }))),
      )
      return records.map((record): WriteOutcome => {
        const result = results.get(record.key)
        const failedUpload = uploads.get(record.key)
        if (result?.ok === true && failedUpload !== undefined) {
          return {
            naturalKey: record.key,
            ok: false,
            error: rejection(ctx, "product", record.key, failedUpload, "write-product"),
          }
        }
        if (result?.ok === true) {
          return {
            naturalKey: record.key,
            ok: true,
            externalId: String(record.payload.id),
            action: record.created ? "created" : "updated",
          }
        }
        return {
          naturalKey: record.key,
          ok: false,
          error: rejection(ctx, "product", record.key, result?.errors ?? [], "write-product"),
        }
      })
    }),
})
