/**
 * The inventory stream: every inventory level of every tracked item
 * (https://shopify.dev/docs/api/admin-graphql/2025-01/queries/inventoryItems).
 *
 * Not incremental: inventory items cannot be sorted by `updated_at`, and a level's `updatedAt`
 * is not its item's. Stock moves are better followed through `inventory_levels/update`
 * webhooks, which name the level (`readByIds`).
 */
import { Effect, Schema, Stream } from "effect"
import { type ConnectorError, defineStream } from "../../../core/connector/index.ts"
import { clampPageSize, pageSizeWithinCost, type ShopifyContext } from "../client.ts"
import type { ShopifyConfig } from "../config.ts"
import { Connection, Gid } from "../schemas/common.ts"
import { InventoryLevelNode, inventoryQuantityNames } from "../schemas/inventory.ts"
import { connectionPages, nodesByIds, remainingNodes } from "./connection.ts"
import { positionOf } from "./position.ts"

const NAMES = JSON.stringify(inventoryQuantityNames)

const LEVEL_FIELDS = `
fragment LevelFields on InventoryLevel {
  id
  updatedAt
  item { id sku }
  location { id name }
  quantities(names: ${NAMES}) { name quantity }
}`

const ITEMS_QUERY = `
query InventoryItemsPage($first: Int!, $after: String) {
  inventoryItems(first: $first, after: $after, query: "tracked:true") {
    nodes { id inventoryLevels(first: 10) { nodes { ...LevelFields } pageInfo { hasNextPage endCursor } } }
    pageInfo { hasNextPage endCursor }
  }
}
${LEVEL_FIELDS}`

const LEVELS_QUERY = `
query InventoryLevelsPage($id: ID!, $first: Int!, $after: String) {
  inventoryItem(id: $id) {
    inventoryLevels(first: $first, after: $after) { nodes { ...LevelFields } pageInfo { hasNextPage endCursor } }
  }
}
${LEVEL_FIELDS}`

const LEVELS_BY_IDS_QUERY = `
query InventoryLevelsByIds($ids: [ID!]!) {
  nodes(ids: $ids) { __typename ... on InventoryLevel { ...LevelFields } }
}
${LEVEL_FIELDS}`

const ItemNode = Schema.Struct({ id: Gid, inventoryLevels: Connection(InventoryLevelNode) })
const ItemsPage = Schema.Struct({ inventoryItems: Connection(ItemNode) })
const LevelsPage = Schema.Struct({
  inventoryItem: Schema.NullOr(Schema.Struct({ inventoryLevels: Connection(InventoryLevelNode) })),
})

const levelsPerPage = pageSizeWithinCost(LEVELS_QUERY, (first) => ({ id: "", first }), 250)

const allLevelsOf = (
  ctx: ShopifyContext,
  item: typeof ItemNode.Type,
): Effect.Effect<ReadonlyArray<InventoryLevelNode>, ConnectorError> =>
  // https://shopify.dev/docs/api/admin-graphql/2025-01/queries/inventoryItem
  remainingNodes(ctx, item.inventoryLevels, {
    operation: "inventory.levels",
    query: LEVELS_QUERY,
    variables: (after) => ({ id: item.id, first: levelsPerPage, after }),
    data: LevelsPage,
    select: (data) =>
      data.inventoryItem?.inventoryLevels ?? { nodes: [], pageInfo: { hasNextPage: false, endCursor: null } },
  })

export const inventoryStream = defineStream<ShopifyConfig, InventoryLevelNode>({
  entity: "inventory",
  description: "Inventory levels of tracked items at every location (full read)",
  incremental: false,
  idOf: (level) => level.id,
  positionOf,
  read: (ctx, { pageSize }) => {
    const first = pageSizeWithinCost(ITEMS_QUERY, (n) => ({ first: n }), clampPageSize(pageSize))
    return connectionPages(ctx, {
      operation: "inventory.items",
      query: ITEMS_QUERY,
      variables: (after) => ({ first, after }),
      data: ItemsPage,
      select: (data) => data.inventoryItems,
    }).pipe(
      Stream.mapEffect((items) => Effect.forEach(items, (item) => allLevelsOf(ctx, item))),
      Stream.map((levels) => levels.flat()),
      Stream.filter((levels) => levels.length > 0),
    )
  },
  readByIds: (ctx, ids) =>
    // https://shopify.dev/docs/api/admin-graphql/2025-01/queries/nodes
    nodesByIds(ctx, {
      operation: "inventory.byIds",
      query: LEVELS_BY_IDS_QUERY,
      typename: "InventoryLevel",
      node: InventoryLevelNode,
      ids,
    }),
})
