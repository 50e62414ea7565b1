/**
 * Orders API v0 in the sandbox: getOrders (filters, `MaxResultsPerPage`, `NextToken`),
 * getOrderItems and confirmShipment with the model's validation.
 * https://developer-docs.amazon.com/sp-api/docs/orders-api-v0-reference
 */

import { Either, ParseResult, Schema } from "effect"
import { HttpResponse } from "msw"
import { ConfirmShipmentRequest } from "../schemas/order.ts"
import { amazonError, amazonHeaders, amazonJson, invalidInput } from "./responses.ts"
import {
  isIsoDateTime,
  listParam,
  offsetOf,
  operation,
  pageToken,
  type SandboxContext,
  unknownParameter,
} from "./route.ts"

const GET_ORDERS_PARAMETERS = [
  "CreatedAfter",
  "CreatedBefore",
  "LastUpdatedAfter",
  "LastUpdatedBefore",
  "OrderStatuses",
  "MarketplaceIds",
  "FulfillmentChannels",
  "PaymentMethods",
  "BuyerEmail",
  "SellerOrderId",
  "MaxResultsPerPage",
  "EasyShipShipmentStatuses",
  "ElectronicInvoiceStatuses",
  "NextToken",
  "AmazonOrderIds",
  "ActualFulfillmentSupplySourceId",
  "IsISPU",
  "StoreChainStoreId",
  "EarliestDeliveryDateBefore",
  "EarliestDeliveryDateAfter",
  "LatestDeliveryDateBefore",
  "LatestDeliveryDateAfter",
]

const at = (iso: string) => Date.parse(iso)

const decodeConfirmation = Schema.decodeUnknownEither(ConfirmShipmentRequest, { onExcessProperty: "error" })

export const ordersHandlers = (ctx: SandboxContext) => {
  const { state } = ctx
  return [
    operation(ctx, "getOrders", "get", "/orders/v0/orders", ({ url, rate }) => {
      const unknown = unknownParameter(url, GET_ORDERS_PARAMETERS, rate)
      if (unknown !== undefined) return unknown
      const marketplaces = listParam(url, "MarketplaceIds")
      if (marketplaces === undefined || marketplaces.length === 0) {
        return invalidInput("Missing required parameter: MarketplaceIds", "", rate)
      }
      if (marketplaces.length > 50) return invalidInput("MarketplaceIds accepts at most 50 values", "", rate)
      const ids = listParam(url, "AmazonOrderIds")
      if (ids !== undefined && ids.length > 50)
        return invalidInput("AmazonOrderIds accepts at most 50 values", "", rate)
      const nextToken = url.searchParams.get("NextToken")
      const createdAfter = url.searchParams.get("CreatedAfter")
      const updatedAfter = url.searchParams.get("LastUpdatedAfter")
      if (nextToken === null && ids === undefined) {
        if (createdAfter === null && updatedAfter === null) {
          return invalidInput("Either CreatedAfter or LastUpdatedAfter must be specified", "", rate)
        }
        if (createdAfter !== null && updatedAfter !== null) {
          return invalidInput("CreatedAfter and LastUpdatedAfter cannot both be specified", "", rate)
        }
      }
      for (const name of ["CreatedAfter", "CreatedBefore", "LastUpdatedAfter", "LastUpdatedBefore"]) {
        const value = url.searchParams.get(name)
        if (value !== null && !isIsoDateTime(value))
          return invalidInput(`Invalid ${name}: ${value} is not an ISO 8601 date`, "", rate)
      }
      const pageSizeText = url.searchParams.get("MaxResultsPerPage")
      const pageSize = pageSizeText === null ? 100 : Number(pageSizeText)
      if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 100) {
        return invalidInput("MaxResultsPerPage must be between 1 and 100", "", rate)
      }
      const offset = nextToken === null ? 0 : offsetOf(nextToken)
      if (offset === undefined) return invalidInput("Invalid NextToken", "", rate)
      const channels = listParam(url, "FulfillmentChannels")
      const statuses = listParam(url, "OrderStatuses")
      const matching = [...state.orders.values()]
        .map((o) => o.order)
        .filter(
          (o) =>
            marketplaces.includes(o.MarketplaceId ?? "") &&
            (ids === undefined || ids.includes(o.AmazonOrderId)) &&
            (updatedAfter === null || at(o.LastUpdateDate) >= at(updatedAfter)) &&
            (createdAfter === null || at(o.PurchaseDate) >= at(createdAfter)) &&
            (channels === undefined || channels.includes(o.FulfillmentChannel ?? "")) &&
            (statuses === undefined || statuses.includes(o.OrderStatus)),
        )
        .sort(
          (a, b) =>
            at(a.LastUpdateDate) - at(b.LastUpdateDate) ||
            (a.AmazonOrderId < b.AmazonOrderId ? -1 : a.AmazonOrderId > b.AmazonOrderId ? 1 : 0),
        )
      const page = matching.slice(offset, offset + pageSize)
      const more = offset + pageSize < matching.length
      const asOf = new Date(Date.now() - 120_000).toISOString()
      return amazonJson(
        {
          payload: {
            Orders: page,
            ...(more ? { NextToken: pageToken(offset + pageSize) } : {}),
            ...(createdAfter !== null ? { CreatedBefore: asOf } : { LastUpdatedBefore: asOf }),
          },
        },
        200,
        rate,
      )
    }),

    operation(ctx, "getOrderItems", "get", "/orders/v0/orders/:orderId/orderItems", ({ url, params, rate }) => {
      const unknown = unknownParameter(url, ["NextToken"], rate)
      if (unknown !== undefined) return unknown
      const orderId = String(params.orderId ?? "")
      const found = state.orders.get(orderId)
      if (found === undefined) return amazonError(404, "NotFound", "Invalid AmazonOrderId", orderId, rate)
      const nextToken = url.searchParams.get("NextToken")
      const offset = nextToken === null ? 0 : offsetOf(nextToken)
      if (offset === undefined) return invalidInput("Invalid NextToken", "", rate)
      const size = 100
      const more = offset + size < found.items.length
      return amazonJson(
        {
          payload: {
            AmazonOrderId: orderId,
            OrderItems: found.items.slice(offset, offset + size),
            ...(more ? { NextToken: pageToken(offset + size) } : {}),
          },
        },
        200,
        rate,
      )
    }),

    operation(
      ctx,
      "confirmShipment",
      "post",
      "/orders/v0/orders/:orderId/shipmentConfirmation",
      async ({ request, params, rate }) => {
        const orderId = String(params.orderId ?? "")
        const body: unknown = await request.json().catch(() => undefined)
        const decoded = decodeConfirmation(body)
        if (Either.isLeft(decoded)) {
          const [first] = ParseResult.ArrayFormatter.formatErrorSync(decoded.left)
          const path = (first?.path ?? []).join(".")
          return invalidInput(
            `Invalid request body: ${path === "" ? "" : `${path}: `}${first?.message ?? "does not fit ConfirmShipmentRequest"}`,
            "",
            rate,
          )
        }
        const confirmation = decoded.right
        const found = state.orders.get(orderId)
        if (found === undefined) return amazonError(404, "NotFound", "Invalid AmazonOrderId", orderId, rate)
        const { order, items } = found
        if (confirmation.marketplaceId !== order.MarketplaceId) {
          return invalidInput(
            `The order ${orderId} was not placed in marketplace ${confirmation.marketplaceId}`,
            "",
            rate,
          )
        }
        if (order.FulfillmentChannel === "AFN") {
          return invalidInput(
            `The order ${orderId} is fulfilled by Amazon; shipments can only be confirmed for seller-fulfilled orders`,
            "",
            rate,
          )
        }
        if (order.OrderStatus === "Canceled" || order.OrderStatus === "Pending") {
          return invalidInput(`The order ${orderId} is ${order.OrderStatus} and cannot be shipped`, "", rate)
        }
        const pkg = confirmation.packageDetail
        if (!/^[1-9]\d*$/.test(pkg.packageReferenceId)) {
          return invalidInput("packageReferenceId must be a positive number", "", rate)
        }
        if (!isIsoDateTime(pkg.shipDate))
          return invalidInput(`shipDate ${pkg.shipDate} is not an ISO 8601 date`, "", rate)
        for (const line of pkg.orderItems) {
          const item = items.find((i) => i.OrderItemId === line.orderItemId)
          if (item === undefined)
            return invalidInput(`The order item ${line.orderItemId} is not part of order ${orderId}`, "", rate)
          const open = item.QuantityOrdered - (item.QuantityShipped ?? 0)
          if (line.quantity < 1 || line.quantity > open) {
            return invalidInput(
              `Quantity ${line.quantity} of order item ${line.orderItemId} exceeds the ${open} not yet shipped`,
              "",
              rate,
            )
          }
        }
        for (const line of pkg.orderItems) {
          const index = items.findIndex((i) => i.OrderItemId === line.orderItemId)
          const item = items[index]
          if (item !== undefined)
            items[index] = { ...item, QuantityShipped: (item.QuantityShipped ?? 0) + line.quantity }
        }
        const shipped = items.reduce((n, i) => n + (i.QuantityShipped ?? 0), 0)
        const ordered = items.reduce((n, i) => n + i.QuantityOrdered, 0)
        found.order = {
          ...order,
          OrderStatus: shipped >= ordered ? "Shipped" : "PartiallyShipped",
          NumberOfItemsShipped: shipped,
          NumberOfItemsUnshipped: ordered - shipped,
          LastUpdateDate: new Date().toISOString().replace(/\.\d{3}Z$/, "Z"),
        }
        return new HttpResponse(null, { status: 204, headers: amazonHeaders(rate) })
      },
    ),
  ]
}
