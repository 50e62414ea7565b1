/**
 * The customers stream, in (updatedAt, id) order with offset paging
 * (https://docs.vendure.io/reference/graphql-api/admin/queries#customers).
 */
import { Effect, Schema, Stream } from "effect"
import { type ConnectorError, defineStream } from "../../../core/connector/index.ts"
import { offsetPages } from "../../../core/http/index.ts"
import { asVendorError, chunksOf, clampPageSize, MAX_TAKE, type VendureContext, vendureRequest } from "../client.ts"
import type { VendureConfig } from "../config.ts"
import { PaginatedList } from "../schemas/common.ts"
import { CUSTOMER_FIELDS, CustomerRecord } from "../schemas/customer.ts"
import { isAfter, updatedPosition, windowStart } from "./position.ts"

const CUSTOMERS_QUERY = `
query CustomersPage($filter: CustomerFilterParameter, $skip: Int!, $take: Int!) {
  customers(options: { filter: $filter, sort: { updatedAt: ASC, id: ASC }, skip: $skip, take: $take }) {
    totalItems
    items { ...CustomerFields }
  }
}
${CUSTOMER_FIELDS}`

const CUSTOMERS_BY_IDS_QUERY = `
query CustomersByIds($ids: [String!]!, $take: Int!) {
  customers(options: { filter: { id: { in: $ids } }, take: $take }) {
    totalItems
    items { ...CustomerFields }
  }
}
${CUSTOMER_FIELDS}`

const CustomersPage = Schema.Struct({ customers: PaginatedList(CustomerRecord) })

const customersByIds = (
  ctx: VendureContext,
  ids: ReadonlyArray<string>,
): Effect.Effect<ReadonlyArray<CustomerRecord>, ConnectorError> =>
  Effect.forEach(chunksOf([...new Set(ids)], MAX_TAKE), (chunk) =>
    asVendorError(
      vendureRequest(ctx, {
        operation: "customers.byIds",
        query: CUSTOMERS_BY_IDS_QUERY,
        variables: { ids: chunk, take: chunk.length },
        data: CustomersPage,
      }),
    ).pipe(Effect.map(({ customers }) => customers.items)),
  ).pipe(Effect.map((chunks) => chunks.flat()))

export const customersStream = defineStream<VendureConfig, CustomerRecord>({
  entity: "customer",
  description: "Customers with addresses and groups, by updatedAt",
  incremental: true,
  idOf: (customer) => customer.id,
  positionOf: updatedPosition,
  read: (ctx, { since, pageSize }) =>
    offsetPages({
      pageSize: clampPageSize(pageSize),
      system: ctx.system,
      operation: "customers.list",
      fetch: (skip, take) =>
        asVendorError(
          vendureRequest(ctx, {
            operation: "customers.list",
            query: CUSTOMERS_QUERY,
            variables: {
              filter: since === undefined ? null : { updatedAt: { after: windowStart(since) } },
              skip,
              take,
            },
            data: CustomersPage,
          }),
        ).pipe(Effect.map(({ customers }) => customers.items)),
    }).pipe(
      Stream.map((page) => page.filter((customer) => isAfter(updatedPosition(customer), since))),
      Stream.filter((page) => page.length > 0),
    ),
  readByIds: customersByIds,
})
