/**
 * `orders` → canonical `order`: HubSpot orders in last-modified order through the search API,
 * each with its line items and the e-mail of its associated contact (two association reads and
 * two batch reads per page).
 */
import { Effect, Stream } from "effect"
import { defineStream } from "../../../core/connector/define.ts"
import type { ConnectorError } from "../../../core/connector/errors.ts"
import { toInstant } from "../../../core/model/index.ts"
import { associatedIds, batchRead, changeOrderedSearch, epochOf } from "../client.ts"
import type { HubspotConfig } from "../config.ts"
import type { CrmObject, HubspotOrder } from "../schemas/object.ts"

/** The order properties the order mapping reads. */
export const ORDER_PROPERTIES = [
  "hs_order_name",
  "hs_external_order_id",
  "hs_source_store",
  "hs_currency_code",
  "hs_external_created_date",
  "hs_subtotal_price",
  "hs_order_discount",
  "hs_shipping_cost",
  "hs_tax",
  "hs_total_price",
  "hs_payment_status",
  "hs_fulfillment_status",
  "hs_shipping_address_street",
  "hs_shipping_address_city",
  "hs_shipping_address_postal_code",
  "hs_shipping_address_country",
  "hs_billing_address_street",
  "hs_billing_address_city",
  "hs_billing_address_postal_code",
  "hs_billing_address_country",
  "hs_lastmodifieddate",
] as const

/** The line item properties the order mapping reads. */
export const LINE_ITEM_PROPERTIES = [
  "name",
  "hs_sku",
  "quantity",
  "price",
  "hs_total_discount",
  "hs_tax_rate",
  "hs_tax_amount",
] as const

type Ctx = Parameters<typeof batchRead>[0]

/** Orders joined with their line items and their contact's e-mail. */
const withLines = (
  ctx: Ctx,
  orders: ReadonlyArray<CrmObject>,
): Effect.Effect<ReadonlyArray<HubspotOrder>, ConnectorError> =>
  Effect.gen(function* () {
    if (orders.length === 0) return []
    const ids = orders.map((o) => o.id)
    const lineLinks = yield* associatedIds(ctx, "orders", "line_items", ids)
    const contactLinks = yield* associatedIds(ctx, "orders", "contacts", ids)
    const lineItems = yield* batchRead(ctx, "line_items", [...lineLinks.values()].flat(), LINE_ITEM_PROPERTIES)
    const contacts = yield* batchRead(
      ctx,
      "contacts",
      orders.flatMap((o) => contactLinks.get(o.id)?.slice(0, 1) ?? []),
      ["email"],
    )
    const lineById = new Map(lineItems.map((l) => [l.id, l]))
    const emailById = new Map(contacts.map((c) => [c.id, c.properties.email ?? null]))
    return orders.map((order) => {
      const contactId = contactLinks.get(order.id)?.[0]
      return {
        order,
        lineItems: (lineLinks.get(order.id) ?? []).flatMap((id) => lineById.get(id) ?? []),
        contactEmail: (contactId === undefined ? undefined : emailById.get(contactId)) ?? null,
      }
    })
  })

/** `orders`: orders with line items and contact, in (hs_lastmodifieddate, id) order. */
export const ordersStream = defineStream<HubspotConfig, HubspotOrder>({
  entity: "order",
  description: "orders with their line items and contact (search by hs_lastmodifieddate)",
  incremental: true,
  idOf: (raw) => raw.order.id,
  positionOf: (raw) => ({
    at: toInstant(new Date(epochOf(raw.order.properties.hs_lastmodifieddate ?? raw.order.updatedAt))),
    id: raw.order.id,
  }),
  read: (ctx, options) =>
    changeOrderedSearch(ctx, {
      objectType: "orders",
      dateProperty: "hs_lastmodifieddate",
      properties: ORDER_PROPERTIES,
      pageSize: options.pageSize ?? ctx.config.pageSize,
      ...(options.since === undefined ? {} : { since: options.since.at }),
    }).pipe(Stream.mapEffect((orders) => withLines(ctx, orders))),
  readByIds: (ctx, ids) =>
    batchRead(ctx, "orders", ids, ORDER_PROPERTIES).pipe(Effect.flatMap((orders) => withLines(ctx, orders))),
})
