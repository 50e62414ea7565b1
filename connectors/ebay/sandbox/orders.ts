/**
 * The Fulfillment API: `getOrders` (filter, `limit` ≤ 200, `offset`, `orderIds` ≤ 50, newest
 * first), `getOrder`, and shipping fulfillments (`createShippingFulfillment` marks the line
 * items shipped and touches the order's `lastModifiedDate`).
 */
import { http } from "msw"
import { errorAnswer, fulfillmentError, json } from "./errors.ts"
import { matchesFilter, parseOrderFilter } from "./filter.ts"
import { guarded, isRecord, readJson, unknownField } from "./gate.ts"
import type { EbaySandboxState, StoredFulfillment, StoredOrder } from "./state.ts"

const BASE = "*/sell/fulfillment/v1"
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/

const newestFirst = (a: StoredOrder, b: StoredOrder) =>
  b.creationDate.localeCompare(a.creationDate) || b.orderId.localeCompare(a.orderId)

const invalidOrder = (orderId: string) => errorAnswer(404, fulfillmentError(32100, `Invalid order ID: ${orderId}`))

const shipped = (
  state: EbaySandboxState,
  order: StoredOrder,
  lines: ReadonlyArray<{ lineItemId: string; quantity: number }>,
) => {
  const done = new Map<string, number>()
  for (const f of [...(state.fulfillments.get(order.orderId) ?? [])])
    for (const l of f.lineItems) done.set(l.lineItemId, (done.get(l.lineItemId) ?? 0) + l.quantity)
  for (const l of lines) done.set(l.lineItemId, (done.get(l.lineItemId) ?? 0) + l.quantity)
  const lineItems = order.lineItems.map((line) => ({
    ...line,
    lineItemFulfillmentStatus:
      (done.get(line.lineItemId) ?? 0) >= line.quantity
        ? "FULFILLED"
        : (done.get(line.lineItemId) ?? 0) > 0
          ? "IN_PROGRESS"
          : "NOT_STARTED",
  }))
  const all = lineItems.every((l) => l.lineItemFulfillmentStatus === "FULFILLED")
  return {
    ...order,
    lineItems,
    orderFulfillmentStatus: all ? "FULFILLED" : "IN_PROGRESS",
    lastModifiedDate: new Date().toISOString(),
  }
}

export const orderHandlers = (state: EbaySandboxState) => [
  // https://developer.ebay.com/api-docs/sell/fulfillment/resources/order/methods/getOrders
  http.get(
    `${BASE}/order`,
    guarded(state, "getOrders", ({ request }) => {
      const url = new URL(request.url)
      const query = url.searchParams
      const ids = query.get("orderIds")
      if (ids !== null) {
        const wanted = ids.split(",").filter((id) => id !== "")
        if (wanted.length > 50)
          return errorAnswer(
            400,
            fulfillmentError(30900, "Exceeded maximum number of order IDs (the current limit is 50)"),
          )
        const orders = wanted.flatMap((id) => {
          const order = state.orders.get(id)
          return order === undefined ? [] : [order]
        })
        return json(200, { href: url.href, total: orders.length, limit: orders.length, offset: 0, orders })
      }
      const limitText = query.get("limit") ?? "50"
      const offsetText = query.get("offset") ?? "0"
      const limit = Number(limitText)
      const offset = Number(offsetText)
      if (!/^\d+$/.test(limitText) || limit < 1 || limit > 200)
        return errorAnswer(400, fulfillmentError(31100, `Invalid limit: ${limitText}`))
      if (!/^\d+$/.test(offsetText)) return errorAnswer(400, fulfillmentError(31000, `Invalid offset: ${offsetText}`))
      const rawFilter = query.get("filter")
      const filter = rawFilter === null || rawFilter === "" ? {} : parseOrderFilter(rawFilter)
      if ("errorId" in filter) return errorAnswer(400, filter)
      const matching = [...state.orders.values()].filter((o) => matchesFilter(o, filter)).sort(newestFirst)
      const page = matching.slice(offset, offset + limit)
      const link = (at: number) => {
        const next = new URL(url.href)
        next.searchParams.set("offset", String(at))
        next.searchParams.set("limit", String(limit))
        return next.href
      }
      return json(200, {
        href: url.href,
        total: matching.length,
        limit,
        offset,
        ...(offset + limit < matching.length ? { next: link(offset + limit) } : {}),
        ...(offset > 0 ? { prev: link(Math.max(0, offset - limit)) } : {}),
        orders: page,
      })
    }),
  ),

  // https://developer.ebay.com/api-docs/sell/fulfillment/resources/order/methods/getOrder
  http.get(
    `${BASE}/order/:orderId`,
    guarded(state, "getOrder", ({ params }) => {
      const order = state.orders.get(String(params.orderId))
      return order === undefined ? invalidOrder(String(params.orderId)) : json(200, order)
    }),
  ),

  // https://developer.ebay.com/api-docs/sell/fulfillment/resources/order/shipping_fulfillment/methods/getShippingFulfillments
  http.get(
    `${BASE}/order/:orderId/shipping_fulfillment`,
    guarded(state, "getShippingFulfillments", ({ params }) => {
      const orderId = String(params.orderId)
      if (!state.orders.has(orderId)) return errorAnswer(400, fulfillmentError(32100, `Invalid order ID: ${orderId}`))
      const fulfillments = state.fulfillments.get(orderId) ?? []
      return json(200, { total: fulfillments.length, fulfillments })
    }),
  ),

  // https://developer.ebay.com/api-docs/sell/fulfillment/resources/order/shipping_fulfillment/methods/createShippingFulfillment
  http.post(
    `${BASE}/order/:orderId/shipping_fulfillment`,
    guarded(state, "createShippingFulfillment", async ({ request, params }) => {
      const orderId = String(params.orderId)
      const order = state.orders.get(orderId)
      if (order === undefined) return errorAnswer(400, fulfillmentError(32100, `Invalid Order Id: ${orderId}`))
      const body = await readJson(request)
      if (!body.ok) return body.answer
      const details = isRecord(body.value) ? body.value : {}
      const extra = unknownField(details, ["lineItems", "shippedDate", "shippingCarrierCode", "trackingNumber"])
      if (extra !== undefined)
        return errorAnswer(400, fulfillmentError(32600, "Invalid input data", [{ name: extra, value: "" }]))
      const lines = Array.isArray(details.lineItems) ? details.lineItems : []
      if (lines.length === 0)
        return errorAnswer(400, fulfillmentError(32600, "Invalid input data", [{ name: "lineItems", value: "" }]))
      const parsed: Array<{ lineItemId: string; quantity: number }> = []
      for (const raw of lines) {
        const lineItemId = isRecord(raw) && typeof raw.lineItemId === "string" ? raw.lineItemId : ""
        const line = order.lineItems.find((l) => l.lineItemId === lineItemId)
        if (line === undefined) return errorAnswer(400, fulfillmentError(32200, `Invalid line item id: ${lineItemId}`))
        if (parsed.some((p) => p.lineItemId === lineItemId))
          return errorAnswer(400, fulfillmentError(32210, "Duplicate line item in the request"))
        const quantity = isRecord(raw) && typeof raw.quantity === "number" ? raw.quantity : line.quantity
        if (!Number.isInteger(quantity) || quantity < 1 || quantity > line.quantity) {
          return errorAnswer(
            400,
            fulfillmentError(32600, "Invalid input data", [{ name: "quantity", value: String(quantity) }]),
          )
        }
        parsed.push({ lineItemId, quantity })
      }
      const tracking = details.trackingNumber
      const carrier = details.shippingCarrierCode
      if (
        (tracking === undefined) !== (carrier === undefined) ||
        (tracking !== undefined && (typeof tracking !== "string" || !/^[A-Za-z0-9]+$/.test(tracking)))
      ) {
        return errorAnswer(400, fulfillmentError(32300, "Invalid shipment tracking number or carrier"))
      }
      const shippedDate = details.shippedDate ?? new Date().toISOString()
      if (typeof shippedDate !== "string" || !ISO.test(shippedDate))
        return errorAnswer(400, fulfillmentError(32500, "Invalid shipped date"))
      const existing = state.fulfillments.get(orderId) ?? []
      const fulfillmentId = typeof tracking === "string" ? tracking : `${orderId}-${existing.length + 1}`
      const fulfillment: StoredFulfillment = {
        fulfillmentId,
        lineItems: parsed,
        ...(typeof tracking === "string" ? { shipmentTrackingNumber: tracking } : {}),
        ...(typeof carrier === "string" ? { shippingCarrierCode: carrier } : {}),
        shippedDate,
      }
      state.orders.set(orderId, shipped(state, order, parsed))
      state.fulfillments.set(orderId, [...existing, fulfillment])
      const location = `${new URL(request.url).origin}/sell/fulfillment/v1/order/${orderId}/shipping_fulfillment/${fulfillmentId}`
      return new Response(null, { status: 201, headers: { Location: location } })
    }),
  ),
]
