/** `sale.order` values for one payload, once its natural keys are resolved to ids. */

import type { TaxRecord } from "../schemas/saleOrder.ts"
import type { SaleOrderPayload } from "../schemas/saleOrderPayload.ts"
import type { LineFields } from "../versionQuirks.ts"
import type { Unwritable } from "./partnerValues.ts"
import type { WarehouseRef } from "./references.ts"

/** What the natural keys of a batch resolved to in Odoo. */
export interface ResolvedReferences {
  readonly products: ReadonlyMap<string, ReadonlyArray<number>>
  readonly taxes: ReadonlyArray<TaxRecord>
  readonly warehouses: ReadonlyMap<string, WarehouseRef>
  readonly lineFields: LineFields
}

/** The SKUs, tax rates and warehouse codes a payload refers to. */
export const referencesOf = (payload: SaleOrderPayload) => ({
  skus: payload.lines.map((l) => l.sku),
  rates: payload.lines.flatMap((l) => l.taxes.map((t) => t.rate)),
  warehouses: payload.pickup_warehouse_code === false ? [] : [payload.pickup_warehouse_code],
})

const SKU_HINT = "set it as the Internal Reference (default_code) of the product variant in Odoo, then replay"

/** The values to create the order with, or the first reference that does not resolve. */
export const orderVals = (
  payload: SaleOrderPayload,
  refs: ResolvedReferences,
  customer: { readonly partner: number; readonly invoice: number; readonly shipping: number },
): Record<string, unknown> | Unwritable => {
  const lines: Array<unknown> = []
  for (const [i, line] of payload.lines.entries()) {
    const ids = refs.products.get(line.sku) ?? []
    if (ids.length === 0) return { reason: `unknown SKU ${line.sku}: ${SKU_HINT}`, path: `$.lines[${i}].sku` }
    if (ids.length > 1) {
      return {
        reason: `SKU ${line.sku} is the Internal Reference of ${ids.length} Odoo products`,
        path: `$.lines[${i}].sku`,
      }
    }
    const taxIds: Array<number> = []
    for (const [j, tax] of line.taxes.entries()) {
      const found = refs.taxes.find((t) => t.amount === tax.rate && t.price_include === payload.prices_include_tax)
      if (found === undefined) {
        const included = payload.prices_include_tax ? "included in" : "excluded from"
        return {
          reason: `no sale tax of ${tax.rate} % ${included} the price in Odoo`,
          path: `$.lines[${i}].taxes[${j}].rate`,
        }
      }
      taxIds.push(found.id)
    }
    lines.push([
      0,
      0,
      {
        product_id: ids[0],
        product_uom_qty: line.product_uom_qty,
        price_unit: line.price_unit,
        discount: line.discount,
        // The channel's taxes, exactly: an empty list keeps Odoo from adding the product's default ones.
        [refs.lineFields.taxes]: [[6, 0, taxIds]],
        ...(line.name === false ? {} : { name: line.name }),
        ...(line.kind === "shipping" && refs.lineFields.isDelivery ? { is_delivery: true } : {}),
      },
    ])
  }
  let warehouse: WarehouseRef | undefined
  if (payload.pickup_warehouse_code !== false) {
    warehouse = refs.warehouses.get(payload.pickup_warehouse_code)
    if (warehouse === undefined) {
      return {
        reason: `no warehouse with short name ${payload.pickup_warehouse_code} in Odoo`,
        path: "$.pickup_warehouse_code",
      }
    }
  }
  return {
    partner_id: customer.partner,
    partner_invoice_id: customer.invoice,
    // Click & collect as Odoo's own does it: the store's warehouse, and its address as the delivery address.
    partner_shipping_id:
      warehouse !== undefined && warehouse.partner_id !== false ? warehouse.partner_id[0] : customer.shipping,
    ...(warehouse === undefined ? {} : { warehouse_id: warehouse.id }),
    client_order_ref: payload.client_order_ref,
    origin: payload.origin,
    date_order: payload.date_order,
    note: payload.note,
    order_line: lines,
  }
}
