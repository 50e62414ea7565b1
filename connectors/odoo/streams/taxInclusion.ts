/**
 * Whether a product's prices include tax. Odoo reads a sales price (and a pricelist price) as
 * gross when the product's sales taxes are price-included, as net otherwise; the config's
 * `pricesIncludeTax` overrides that for every price.
 */
import { Effect, Schema } from "effect"
import type { ConnectorError } from "../../../core/connector/errors.ts"
import type { OdooClient } from "../client.ts"
import type { OdooConfig } from "../config.ts"
import { OdooId } from "../schemas/fields.ts"
import { searchRead, WITH_ARCHIVED } from "./keyset.ts"

const TaxInclusion = Schema.Struct({ id: OdooId, price_include: Schema.Boolean })

/** For each product's list of sales tax ids, whether its prices include tax. */
export const pricesIncludeTax = (
  client: OdooClient,
  system: string,
  config: OdooConfig,
  taxIdsPerProduct: ReadonlyArray<ReadonlyArray<number>>,
): Effect.Effect<ReadonlyArray<boolean>, ConnectorError> => {
  const configured = config.pricesIncludeTax
  if (configured !== undefined) return Effect.succeed(taxIdsPerProduct.map(() => configured))
  const ids = [...new Set(taxIdsPerProduct.flat())]
  if (ids.length === 0) return Effect.succeed(taxIdsPerProduct.map(() => false))
  return searchRead(client, system, "account.tax", TaxInclusion, {
    domain: [["id", "in", ids]],
    fields: ["price_include"],
    context: WITH_ARCHIVED,
  }).pipe(
    Effect.map((taxes) => {
      const included = new Set(taxes.filter((t) => t.price_include).map((t) => t.id))
      return taxIdsPerProduct.map((taxIds) => taxIds.some((id) => included.has(id)))
    }),
  )
}
