/** The shop's tax rates (`POST /api/search/tax`), for products whose rate has no configured tax id. */
import { Effect, Schema } from "effect"
import type { ConnectorError } from "../../../core/connector/index.ts"
import { type ShopwareContext, search } from "../client.ts"

const Tax = Schema.Struct({ id: Schema.String, taxRate: Schema.Number })

/** Tax rate in percent → tax id; the first tax of a rate wins, as Shopware lists them by position. */
export const shopTaxes = (ctx: ShopwareContext): Effect.Effect<ReadonlyMap<number, string>, ConnectorError> =>
  search(ctx, "tax", { limit: 100, sort: [{ field: "position", order: "ASC" }] }, Tax).pipe(
    Effect.map((taxes) => {
      const byRate = new Map<number, string>()
      for (const tax of taxes) if (!byRate.has(tax.taxRate)) byRate.set(tax.taxRate, tax.id)
      return byRate
    }),
  )
