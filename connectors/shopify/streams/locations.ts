/**
 * The locations stream (https://shopify.dev/docs/api/admin-graphql/2025-01/queries/locations).
 *
 * Locations cannot be sorted or searched by `updated_at`, and a shop has a few dozen at most: the
 * stream reads them all and yields those after the cursor in (updatedAt, id) order, so it is
 * incremental like the others.
 */
import { Chunk, Effect, Schema, Stream } from "effect"
import { type ConnectorError, defineStream } from "../../../core/connector/index.ts"
import { chunksOf, clampPageSize, pageSizeWithinCost, type ShopifyContext } from "../client.ts"
import type { ShopifyConfig } from "../config.ts"
import { Connection } from "../schemas/common.ts"
import { LocationNode } from "../schemas/location.ts"
import { connectionPages, nodesByIds } from "./connection.ts"
import { comparePositions, isAfter, positionOf } from "./position.ts"

/** Every location field the location mapping reads. */
export const LOCATION_FIELDS = `
fragment LocationFields on Location {
  id
  name
  isActive
  isFulfillmentService
  fulfillsOnlineOrders
  address { address1 address2 city zip provinceCode countryCode phone }
  localPickupSettingsV2 { instructions }
  updatedAt
}`

const LOCATIONS_QUERY = `
query LocationsPage($first: Int!, $after: String) {
  locations(first: $first, after: $after, sortKey: ID) {
    nodes { ...LocationFields }
    pageInfo { hasNextPage endCursor }
  }
}
${LOCATION_FIELDS}`

const LOCATIONS_BY_IDS_QUERY = `
query LocationsByIds($ids: [ID!]!) {
  nodes(ids: $ids) { __typename ... on Location { ...LocationFields } }
}
${LOCATION_FIELDS}`

const LocationsPage = Schema.Struct({ locations: Connection(LocationNode) })

/** Every active location of the shop (the sinks resolve location codes with it, too). */
export const allLocations = (ctx: ShopifyContext): Effect.Effect<ReadonlyArray<LocationNode>, ConnectorError> =>
  // https://shopify.dev/docs/api/admin-graphql/2025-01/queries/locations
  connectionPages(ctx, {
    operation: "locations.list",
    query: LOCATIONS_QUERY,
    variables: (after) => ({ first: pageSizeWithinCost(LOCATIONS_QUERY, (first) => ({ first }), 250), after }),
    data: LocationsPage,
    select: (data) => data.locations,
  }).pipe(
    Stream.runCollect,
    Effect.map((pages) => Chunk.toReadonlyArray(pages).flat()),
  )

export const locationsStream = defineStream<ShopifyConfig, LocationNode>({
  entity: "location",
  description: "Active locations, ordered by updatedAt",
  incremental: true,
  idOf: (location) => location.id,
  positionOf,
  read: (ctx, { since, pageSize }) =>
    Stream.fromEffect(allLocations(ctx)).pipe(
      Stream.flatMap((locations) => {
        const after = locations
          .filter((location) => isAfter(positionOf(location), since))
          .sort((a, b) => comparePositions(positionOf(a), positionOf(b)))
        return Stream.fromIterable(chunksOf(after, clampPageSize(pageSize)))
      }),
    ),
  readByIds: (ctx, ids) =>
    // https://shopify.dev/docs/api/admin-graphql/2025-01/queries/nodes
    nodesByIds(ctx, {
      operation: "locations.byIds",
      query: LOCATIONS_BY_IDS_QUERY,
      typename: "Location",
      node: LocationNode,
      ids,
    }),
})
