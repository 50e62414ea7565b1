/**
 * `/orders`, `/orders/{id}`, `/customers`, `/customers/{id}` and the currency setting the
 * connector's check reads (https://woocommerce.github.io/woocommerce-rest-api-docs/#orders,
 * #customers, #retrieve-a-setting-option).
 */
import { HttpResponse, http } from "msw"
import type { WooCustomer } from "../schemas/customer.ts"
import type { WooOrder } from "../schemas/order.ts"
import { filterByDates, filterByIds, pageResponse, sortRecords } from "./collection.ts"
import { errorResponse, wooError } from "./errors.ts"
import { customerListParams, orderListParams, singleParams, validateQuery } from "./params.ts"
import { siteTime, type WooSandboxState } from "./state.ts"

const orderView = (o: WooOrder) => ({
  ...o,
  date_created: siteTime(o.date_created_gmt),
  date_modified: siteTime(o.date_modified_gmt),
})

const customerView = (c: WooCustomer) => ({
  ...c,
  date_created: siteTime(c.date_created_gmt),
  date_modified: c.date_modified_gmt === null ? null : siteTime(c.date_modified_gmt),
  avatar_url: "https://secure.gravatar.com/avatar/?s=96&d=mm&r=g",
  meta_data: [],
})

const orderKey = (o: WooOrder, orderby: string): string | number =>
  orderby === "modified" ? o.date_modified_gmt : orderby === "id" || orderby === "include" ? o.id : o.date_created_gmt

const customerKey = (c: WooCustomer, orderby: string): string | number =>
  orderby === "name" ? c.first_name : orderby === "registered_date" ? c.date_created_gmt : c.id

export const orderHandlers = (state: WooSandboxState) => [
  http.get("*/wp-json/wc/v3/orders", ({ request }) => {
    const checked = validateQuery(new URL(request.url), orderListParams)
    if ("error" in checked) return errorResponse(checked.error)
    const { query } = checked
    let found = filterByIds(filterByDates([...state.orders.values()], query), query)
    if (query.status !== undefined && query.status !== "any") {
      const statuses = new Set(query.status.split(","))
      found = found.filter((o) => statuses.has(o.status))
    }
    if (query.customer !== undefined) found = found.filter((o) => o.customer_id === Number(query.customer))
    const sorted = sortRecords(found, query.orderby ?? "date", query.order ?? "desc", orderKey)
    return pageResponse(sorted, query, orderView)
  }),
  http.get("*/wp-json/wc/v3/orders/:id", ({ request, params }) => {
    const checked = validateQuery(new URL(request.url), singleParams)
    if ("error" in checked) return errorResponse(checked.error)
    const order = state.orders.get(Number(params.id))
    if (order === undefined)
      return errorResponse(wooError("woocommerce_rest_shop_order_invalid_id", "Invalid ID.", 404))
    return HttpResponse.json(orderView(order))
  }),
  http.get("*/wp-json/wc/v3/customers", ({ request }) => {
    const checked = validateQuery(new URL(request.url), customerListParams)
    if ("error" in checked) return errorResponse(checked.error)
    const { query } = checked
    let found = filterByIds([...state.customers.values()], query)
    // The default role is `customer`; `all` lists every user.
    const role = query.role ?? "customer"
    if (role !== "all") found = found.filter((c) => c.role === role)
    if (query.email !== undefined) found = found.filter((c) => c.email === query.email)
    const sorted = sortRecords(found, query.orderby ?? "name", query.order ?? "asc", customerKey)
    return pageResponse(sorted, query, customerView)
  }),
  http.get("*/wp-json/wc/v3/customers/:id", ({ request, params }) => {
    const checked = validateQuery(new URL(request.url), singleParams)
    if ("error" in checked) return errorResponse(checked.error)
    const customer = state.customers.get(Number(params.id))
    if (customer === undefined)
      return errorResponse(wooError("woocommerce_rest_invalid_id", "Invalid resource ID.", 404))
    return HttpResponse.json(customerView(customer))
  }),
  http.get("*/wp-json/wc/v3/settings/general/woocommerce_currency", () =>
    HttpResponse.json({
      id: "woocommerce_currency",
      label: "Currency",
      description:
        "This controls what currency prices are listed at in the catalog and which currency gateways will take payments in.",
      type: "select",
      default: "USD",
      value: "EUR",
      group_id: "general",
    }),
  ),
]
