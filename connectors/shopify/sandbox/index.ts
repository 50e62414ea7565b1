/**
 * An offline Shopify Admin GraphQL API: msw handlers on `*\/admin/api/:version/graphql.json`
 * (any origin) over an in-memory shop, executing queries with graphql-js against the real
 * 2025-01 schema.
 *
 * Supports: `shop`; `products`, `productVariants`, `inventoryItems`, `locations`, `customers`,
 * `orders` with cursor paging, `sortKey` (ID, UPDATED_AT, CREATED_AT, PROCESSED_AT, TITLE, NAME)
 * and search (`updated_at:>=`, `sku:`, `handle:`, `email:`, …); `nodes(ids:)`/`node(id:)` and
 * the single-record queries; the mutations `productSet`, `productVariantsBulkUpdate`,
 * `inventorySetQuantities` and `inventoryActivate` with Shopify's user errors. Validation
 * errors, the 401 answer, query costs, the 1000-point query limit and `THROTTLED` are Shopify's.
 */
import { HttpResponse, http } from "msw"
import type { Sandbox, SandboxOptions } from "../../../core/connector/index.ts"
import { apiVersion, planBudgets } from "../config.ts"
import type { Bucket } from "./cost.ts"
import { answerGraphql } from "./execute.ts"
import { inventoryActivate, inventorySetQuantities } from "./inventoryMutations.ts"
import { productSet } from "./productSet.ts"
import { withMutations } from "./resolvers.ts"
import { type ShopifySandboxState, seedState } from "./state.ts"
import { productVariantsBulkUpdate } from "./variantsBulkUpdate.ts"

export type { SandboxThrottle, ShopifySandboxState } from "./state.ts"

/** Shopify sandbox options on top of every sandbox's. */
export interface ShopifySandboxOptions extends SandboxOptions {
  /** The shop's bucket; default the standard plan's (1000 points, 100 restored per second). */
  readonly throttle?: { readonly maximumAvailable: number; readonly restoreRate: number }
  /** Tokens the shop accepts; default any non-empty token. */
  readonly accessTokens?: ReadonlyArray<string>
}

const resolvers = withMutations({ productSet, productVariantsBulkUpdate, inventorySetQuantities, inventoryActivate })

/**
 * The Shopify sandbox.
 *
 * @example
 * const sandbox = shopifySandbox({ throttle: { maximumAvailable: 200, restoreRate: 100 } })
 * const server = setupServer(...sandbox.handlers)
 */
export const shopifySandbox = (options: ShopifySandboxOptions = {}): Sandbox<ShopifySandboxState> => {
  const fresh = (): ShopifySandboxState => ({
    ...seedState(options.seed ?? true),
    throttle: {
      enabled: options.rateLimits ?? true,
      maximumAvailable: options.throttle?.maximumAvailable ?? planBudgets.standard.bucket,
      restoreRate: options.throttle?.restoreRate ?? planBudgets.standard.restorePerSecond,
    },
    accessTokens: [...(options.accessTokens ?? [])],
  })
  const state = fresh()
  const buckets = new Map<string, Bucket>()

  const handlers = [
    // https://shopify.dev/docs/api/admin-graphql#endpoints
    http.post("*/admin/api/:version/graphql.json", async ({ request }) => {
      const body: unknown = await request.json().catch(() => undefined)
      const answer = answerGraphql(state, buckets, resolvers, {
        accessToken: request.headers.get("x-shopify-access-token"),
        shop: new URL(request.url).host,
        body,
      })
      return new HttpResponse(JSON.stringify(answer.body), {
        status: answer.status,
        headers: {
          "Content-Type": "application/json; charset=utf-8",
          "X-Shopify-API-Version": apiVersion,
          "X-Request-Id": crypto.randomUUID(),
        },
      })
    }),
  ]

  return {
    connector: "shopify",
    handlers,
    state,
    reset: () => {
      Object.assign(state, fresh())
      buckets.clear()
    },
  }
}
