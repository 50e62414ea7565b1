/**
 * The customers stream, in (updatedAt, id) order
 * (https://shopify.dev/docs/api/admin-graphql/2025-01/queries/customers).
 */
import { Schema, Stream } from "effect"
import { defineStream } from "../../../core/connector/index.ts"
import { clampPageSize, pageSizeWithinCost } from "../client.ts"
import type { ShopifyConfig } from "../config.ts"
import { Connection } from "../schemas/common.ts"
import { CustomerNode } from "../schemas/customer.ts"
import { connectionPages, nodesByIds } from "./connection.ts"
import { isAfter, positionOf, updatedSince } from "./position.ts"

const ADDRESS = "id firstName lastName company address1 address2 city zip provinceCode countryCodeV2 phone"

/** Every customer field the customer mapping reads. */
export const CUSTOMER_FIELDS = `
fragment CustomerFields on Customer {
  id
  email
  firstName
  lastName
  phone
  note
  tags
  updatedAt
  emailMarketingConsent { marketingState marketingOptInLevel consentUpdatedAt }
  smsMarketingConsent { marketingState marketingOptInLevel consentUpdatedAt consentCollectedFrom }
  defaultAddress { ${ADDRESS} }
  addresses(first: 50) { ${ADDRESS} }
  companyContactProfiles { company { name externalId } }
}`

const CUSTOMERS_QUERY = `
query CustomersPage($first: Int!, $after: String, $query: String) {
  customers(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) {
    nodes { ...CustomerFields }
    pageInfo { hasNextPage endCursor }
  }
}
${CUSTOMER_FIELDS}`

const CUSTOMERS_BY_IDS_QUERY = `
query CustomersByIds($ids: [ID!]!) {
  nodes(ids: $ids) { __typename ... on Customer { ...CustomerFields } }
}
${CUSTOMER_FIELDS}`

const CustomersPage = Schema.Struct({ customers: Connection(CustomerNode) })

export const customersStream = defineStream<ShopifyConfig, CustomerNode>({
  entity: "customer",
  description: "Customers with addresses and marketing consents, ordered by updatedAt",
  incremental: true,
  idOf: (customer) => customer.id,
  positionOf,
  read: (ctx, { since, pageSize }) => {
    const query = updatedSince(since)
    const first = pageSizeWithinCost(CUSTOMERS_QUERY, (n) => ({ first: n, query }), clampPageSize(pageSize))
    // https://shopify.dev/docs/api/admin-graphql/2025-01/queries/customers
    return connectionPages(ctx, {
      operation: "customers.list",
      query: CUSTOMERS_QUERY,
      variables: (after) => ({ first, after, query }),
      data: CustomersPage,
      select: (data) => data.customers,
    }).pipe(
      Stream.map((page) => page.filter((customer) => isAfter(positionOf(customer), since))),
      Stream.filter((page) => page.length > 0),
    )
  },
  readByIds: (ctx, ids) =>
    // https://shopify.dev/docs/api/admin-graphql/2025-01/queries/nodes
    nodesByIds(ctx, {
      operation: "customers.byIds",
      query: CUSTOMERS_BY_IDS_QUERY,
      typename: "Customer",
      node: CustomerNode,
      ids,
    }),
})
