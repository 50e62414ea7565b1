/**
 * Orders (`POST /api/search/order`) with line items, deliveries (shipping method, state),
 * transactions (payment method, state), addresses and the order customer.
 */
import { defineStream } from "../../../core/connector/index.ts"
import type { Criteria } from "../client.ts"
import type { ShopwareConfig } from "../config.ts"
import { type ShopwareOrder, ShopwareOrder as ShopwareOrderSchema } from "../schemas/order.ts"
import { incrementalSearch, positionOfStamped, searchByIds } from "./search.ts"

/** The associations an order is read with. */
export const ORDER_ASSOCIATIONS: Criteria["associations"] = {
  lineItems: {},
  deliveries: { associations: { shippingMethod: {}, stateMachineState: {} } },
  transactions: { associations: { paymentMethod: {}, stateMachineState: {} } },
  addresses: { associations: { country: {}, countryState: {} } },
  orderCustomer: {},
  currency: {},
  stateMachineState: {},
}

export const ordersStream = defineStream<ShopwareConfig, ShopwareOrder>({
  entity: "order",
  description: "orders with lines, taxes, promotions, deliveries (click & collect), transactions and addresses",
  incremental: true,
  idOf: (raw) => raw.id,
  positionOf: positionOfStamped,
  read: (ctx, options) =>
    incrementalSearch(ctx, "order", ShopwareOrderSchema, options, { associations: ORDER_ASSOCIATIONS }),
  readByIds: (ctx, ids) => searchByIds(ctx, "order", ShopwareOrderSchema, ids, { associations: ORDER_ASSOCIATIONS }),
})
