/**
 * The customers stream (https://woocommerce.github.io/woocommerce-rest-api-docs/#list-all-customers).
 *
 * Not incremental: `/customers` has no `modified_after` filter and sorts only by id, include,
 * name or registered_date, so every read lists all customers (in id order, `role=all` so that
 * customers who are also shop staff are not left out) and the hub skips the unchanged ones.
 */
import { Effect, Schema } from "effect"
import { defineStream } from "../../../core/connector/index.ts"
import { chunksOf, clampPerPage, collectionPages, MAX_PER_PAGE, wooRequest } from "../client.ts"
import type { WooCommerceConfig } from "../config.ts"
import { WooCustomer } from "../schemas/customer.ts"
import { positionAt } from "./position.ts"

export const customersStream = defineStream<WooCommerceConfig, WooCustomer>({
  entity: "customer",
  description: "Registered customers with billing and shipping addresses (full read: no modified filter)",
  incremental: false,
  idOf: (customer) => String(customer.id),
  positionOf: (customer) => positionAt(customer.date_modified_gmt ?? customer.date_created_gmt, customer.id),
  read: (ctx, { pageSize }) =>
    collectionPages(ctx, {
      operation: "customers.list",
      path: "customers",
      query: { per_page: clampPerPage(pageSize), orderby: "id", order: "asc", role: "all" },
      item: WooCustomer,
    }),
  readByIds: (ctx, ids) =>
    Effect.forEach(chunksOf(ids, MAX_PER_PAGE), (chunk) =>
      wooRequest(
        ctx,
        "customers.byIds",
        { method: "GET", path: "customers", query: { include: chunk.join(","), per_page: MAX_PER_PAGE, role: "all" } },
        Schema.Array(WooCustomer),
      ),
    ).pipe(Effect.map((pages) => pages.flat())),
})
