/**
 * `price` ⇄ either price stream's record: a variant's sales price (`lst_price`) on the system's
 * default price list, or a fixed price of a pricelist rule (price list = the pricelist's name,
 * `min_quantity` as the tier, `date_start`/`date_end` as validity).
 */
import { Either, ParseResult, Schema } from "effect"
import {
  type OdooListPrice,
  OdooListPrice as OdooListPriceSchema,
  type OdooPricelistPrice,
  OdooPricelistPrice as OdooPricelistPriceSchema,
} from "../../connectors/odoo/schemas/price.ts"
import { defineMapping, mappingTransform } from "../../core/mapping/index.ts"
import { Price } from "../../core/model/index.ts"
import { floatOf, instantOf, issueAt, moneyOf, odooDatetimeOf, textOf } from "./odooValues.ts"

/** What either price stream yields. */
export const OdooPrice = Schema.Union(OdooListPriceSchema, OdooPricelistPriceSchema)

/** OdooListPrice | OdooPricelistPrice ⇄ Price. The bodies return Eithers: the fast path needs no Effect runtime. */
export const priceRead = mappingTransform(OdooPrice, Price, {
  decode: (raw, { defaults }, ast) => {
    const sku = textOf(raw.default_code)
    if (sku === undefined) {
      return ParseResult.fail(
        issueAt(
          ast,
          raw,
          ["default_code"],
          "the product variant has no Internal Reference (default_code); set one in Odoo, it is the SKU",
        ),
      )
    }
    const currency = raw.currency_id === false ? defaults.currency : raw.currency_id[1]
    if ("lst_price" in raw) {
      const amount = moneyOf(ast, raw.lst_price, currency, ["lst_price"])
      if (Either.isLeft(amount)) return ParseResult.fail(amount.left)
      return ParseResult.succeed({
        sku,
        priceList: defaults.priceList,
        currency,
        minQuantity: 1,
        amount: amount.right,
        taxIncluded: raw.tax_included,
        updatedAt: instantOf(raw.changed_at),
      })
    }
    const validFrom = textOf(raw.date_start)
    const validTo = textOf(raw.date_end)
    const priceList = raw.pricelist_name.trim()
    // Odoo's 0 means "any quantity"; a fractional minimum (kg) rounds up to the first whole one.
    const minQuantity = Math.max(1, Math.ceil(raw.min_quantity))
    const amount = moneyOf(ast, raw.fixed_price, currency, ["fixed_price"])
    if (Either.isLeft(amount)) return ParseResult.fail(amount.left)
    return ParseResult.succeed({
      sku,
      priceList,
      currency,
      minQuantity,
      amount: amount.right,
      taxIncluded: raw.tax_included,
      ...(validFrom === undefined ? {} : { validFrom: instantOf(validFrom) }),
      ...(validTo === undefined ? {} : { validTo: instantOf(validTo) }),
      updatedAt: instantOf(raw.write_date),
    })
  },
  encode: (price, { defaults }) => {
    const at = odooDatetimeOf(price.updatedAt)
    const currency = [0, price.currency] as const
    if (price.priceList === defaults.priceList && price.minQuantity === 1 && !price.validFrom && !price.validTo) {
      const listPrice: OdooListPrice = {
        id: 0,
        default_code: price.sku,
        lst_price: floatOf(price.amount),
        currency_id: currency,
        write_date: at,
        changed_at: at,
        tax_included: price.taxIncluded,
      }
      return ParseResult.succeed(listPrice)
    }
    const item: OdooPricelistPrice = {
      id: 0,
      pricelist_id: [0, price.priceList],
      applied_on: "0_product_variant",
      product_tmpl_id: false,
      product_id: [0, price.sku],
      compute_price: "fixed",
      fixed_price: floatOf(price.amount),
      min_quantity: price.minQuantity === 1 ? 0 : price.minQuantity,
      date_start: price.validFrom === undefined ? false : odooDatetimeOf(price.validFrom),
      date_end: price.validTo === undefined ? false : odooDatetimeOf(price.validTo),
      currency_id: currency,
      write_date: at,
      pricelist_name: price.priceList,
      variant_id: 0,
      default_code: price.sku,
      tax_included: price.taxIncluded,
    }
    return ParseResult.succeed(item)
  },
})

/** `price`: read from the listPrices and pricelistItems streams. */
export const priceMapping = defineMapping<"price", typeof OdooPrice.Encoded, unknown>({
  entity: "price",
  read: priceRead,
})
