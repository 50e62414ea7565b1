/**
 * `pricelistItems` → canonical `price`: fixed prices of pricelist rules (B2B lists, tiers by
 * minimum quantity, validity dates). A rule on a template stands for each of its variants, so
 * it is yielded once per variant. Rules that compute a price (a percentage, a formula) or apply
 * to a category or everything have no number to give a channel and are left out.
 */
import { Effect, Schema, Stream } from "effect"
import { defineStream } from "../../../core/connector/define.ts"
import { odooClient } from "../client.ts"
import type { OdooConfig } from "../config.ts"
import { Char, Many2oneRef, OdooId, X2many } from "../schemas/fields.ts"
import { type OdooPricelistPrice, PRICELIST_ITEM_FIELDS, PricelistItemRecord } from "../schemas/price.ts"
import { cursorOf, keysetPages, pageSizeOf, positionFromCursor, searchRead } from "./keyset.ts"
import { pricesIncludeTax } from "./taxInclusion.ts"

const FIXED_PRICES = [
  ["compute_price", "=", "fixed"],
  ["applied_on", "in", ["0_product_variant", "1_product"]],
]

const PricelistRecord = Schema.Struct({ id: OdooId, name: Schema.String })
const VariantRecord = Schema.Struct({ id: OdooId, product_tmpl_id: Many2oneRef, default_code: Char, taxes_id: X2many })

/** `pricelistItems`: fixed prices per variant, in the rules' (write_date, id) order. */
export const pricelistItemsStream = defineStream<OdooConfig, OdooPricelistPrice>({
  entity: "price",
  description: "product.pricelist.item fixed prices per variant (B2B price lists, quantity tiers)",
  incremental: true,
  idOf: (raw) => `${raw.id}:${raw.variant_id}`,
  // All variants of one rule share its position; they are always in the same page.
  positionOf: (raw) => cursorOf(raw.write_date, raw.id),
  read: (ctx, options) => {
    const client = odooClient(ctx)
    return keysetPages({
      client,
      system: ctx.system,
      model: "product.pricelist.item",
      schema: PricelistItemRecord,
      fields: PRICELIST_ITEM_FIELDS,
      domain: FIXED_PRICES,
      since: positionFromCursor(options.since),
      pageSize: pageSizeOf(ctx.config, options),
    }).pipe(
      Stream.mapEffect((items) =>
        Effect.gen(function* () {
          const pricelists = yield* searchRead(client, ctx.system, "product.pricelist", PricelistRecord, {
            domain: [["id", "in", [...new Set(items.map((i) => i.pricelist_id[0]))]]],
            fields: ["name"],
            context: { active_test: false },
          })
          const templateIds = items.flatMap((i) =>
            i.applied_on === "1_product" && i.product_tmpl_id ? [i.product_tmpl_id[0]] : [],
          )
          const variantIds = items.flatMap((i) =>
            i.applied_on === "0_product_variant" && i.product_id ? [i.product_id[0]] : [],
          )
          const variants = yield* searchRead(client, ctx.system, "product.product", VariantRecord, {
            domain: ["|", ["id", "in", variantIds], ["product_tmpl_id", "in", templateIds]],
            fields: ["product_tmpl_id", "default_code", "taxes_id"],
          })
          const included = yield* pricesIncludeTax(
            client,
            ctx.system,
            ctx.config,
            variants.map((v) => v.taxes_id),
          )
          const taxIncluded = new Map(variants.map((v, i) => [v.id, included[i] === true]))
          const names = new Map(pricelists.map((p) => [p.id, p.name]))
          return items.flatMap((item) => {
            const targets =
              item.applied_on === "0_product_variant"
                ? variants.filter((v) => item.product_id !== false && v.id === item.product_id[0])
                : variants.filter(
                    (v) => item.product_tmpl_id !== false && v.product_tmpl_id[0] === item.product_tmpl_id[0],
                  )
            return targets.map((variant) => ({
              ...item,
              pricelist_name: names.get(item.pricelist_id[0]) ?? item.pricelist_id[1],
              variant_id: variant.id,
              default_code: variant.default_code,
              tax_included: taxIncluded.get(variant.id) ?? false,
            }))
          })
        }),
      ),
      Stream.filter((records) => records.length > 0),
    )
  },
})
