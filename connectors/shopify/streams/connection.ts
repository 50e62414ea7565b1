/**
 * Reading Shopify connections with core's paging: a top-level connection page by page, and the
 * rest of a nested connection (a product's variants beyond the first page) when a record has more.
 */
import { Chunk, Effect, Schema, Stream } from "effect"
import type { ConnectorError } from "../../../core/connector/index.ts"
import { graphqlConnectionPages } from "../../../core/http/index.ts"
import { chunksOf, decodeVendor, pageSizeWithinCost, type ShopifyContext, shopifyRequest } from "../client.ts"

export interface ConnectionPage<N> {
  readonly nodes: ReadonlyArray<N>
  readonly pageInfo: { readonly hasNextPage: boolean; readonly endCursor: string | null }
}

/** Pages of a connection, fetched with `variables(after)` and picked out of `data` by `select`. */
export const connectionPages = <D, I, N>(
  ctx: ShopifyContext,
  options: {
    readonly operation: string
    readonly query: string
    readonly variables: (after: string | null) => Record<string, unknown>
    readonly data: Schema.Schema<D, I>
    readonly select: (data: D) => ConnectionPage<N>
  },
): Stream.Stream<ReadonlyArray<N>, ConnectorError> =>
  graphqlConnectionPages({
    system: ctx.system,
    operation: options.operation,
    fetch: (after: string | null) =>
      shopifyRequest(ctx, {
        operation: options.operation,
        query: options.query,
        variables: options.variables(after),
        data: options.data,
      }).pipe(Effect.map(options.select)),
  })

/**
 * All nodes of a nested connection after `endCursor`: the caller already has the first page.
 * Nothing is fetched when the first page was the last.
 */
export const remainingNodes = <D, I, N>(
  ctx: ShopifyContext,
  first: ConnectionPage<N>,
  options: {
    readonly operation: string
    readonly query: string
    readonly variables: (after: string) => Record<string, unknown>
    readonly data: Schema.Schema<D, I>
    readonly select: (data: D) => ConnectionPage<N>
  },
): Effect.Effect<ReadonlyArray<N>, ConnectorError> => {
  const endCursor = first.pageInfo.endCursor
  if (!first.pageInfo.hasNextPage || endCursor === null) return Effect.succeed(first.nodes)
  return connectionPages(ctx, {
    ...options,
    // Core's loop starts at `null`; for a nested connection that is the first page's end.
    variables: (after) => options.variables(after ?? endCursor),
  }).pipe(
    Stream.runCollect,
    Effect.map((pages) => [...first.nodes, ...Chunk.toReadonlyArray(pages).flat()]),
  )
}

const NodeList = Schema.Struct({ nodes: Schema.Array(Schema.Unknown) })

/**
 * Records of one type by GID through `nodes(ids:)`, in chunks the cost limit allows. Ids of
 * deleted records (null) and of other types are skipped. `query` takes `$ids` and selects
 * `__typename` next to an inline fragment on `typename`.
 */
export const nodesByIds = <A, I>(
  ctx: ShopifyContext,
  options: {
    readonly operation: string
    readonly query: string
    readonly typename: string
    readonly node: Schema.Schema<A, I>
    readonly ids: ReadonlyArray<string>
  },
): Effect.Effect<ReadonlyArray<A>, ConnectorError> => {
  const isWanted = Schema.is(Schema.Struct({ __typename: Schema.Literal(options.typename) }))
  // Shopify takes at most 250 ids per call (https://shopify.dev/docs/api/usage/limits#input-limits).
  const perRequest = pageSizeWithinCost(options.query, (n) => ({ ids: Array.from({ length: n }, () => "") }), 250)
  return Effect.forEach(chunksOf(options.ids, perRequest), (ids) =>
    shopifyRequest(ctx, {
      operation: options.operation,
      query: options.query,
      variables: { ids },
      data: NodeList,
    }).pipe(
      Effect.flatMap(({ nodes }) =>
        Effect.forEach(
          nodes.flatMap((node, index) => (isWanted(node) ? [{ node, index }] : [])),
          ({ node, index }) => decodeVendor(ctx, options.operation, options.node, node, `$.data.nodes[${index}]`),
        ),
      ),
    ),
  ).pipe(Effect.map((chunks) => chunks.flat()))
}
