/**
 * The inventory sink: `inventorySetQuantities` of the canonical `available`, up to 250 levels
 * per call (https://shopify.dev/docs/api/admin-graphql/2025-01/mutations/inventorySetQuantities),
 * as a correction that overrides whatever Shopify counted (`ignoreCompareQuantity`): the ERP
 * owns stock.
 *
 * The call is all or nothing, so when Shopify rejects some levels the others are sent again
 * without them. A level of an item not yet stocked at the location is activated with its
 * quantity (https://shopify.dev/docs/api/admin-graphql/2025-01/mutations/inventoryActivate).
 */
import { Effect, Schema } from "effect"
import { type ConnectorError, defineSink, type WriteItem, type WriteOutcome } from "../../../core/connector/index.ts"
import { chunksOf, type ShopifyContext, shopifyRequest } from "../client.ts"
import type { ShopifyConfig } from "../config.ts"
import { type UserError, UserError as UserErrorSchema } from "../schemas/common.ts"
import type { InventoryQuantityPayload } from "../schemas/inventory.ts"
import { locationIdsByCode } from "./locationLookup.ts"
import { rejected, rejectedByUserErrors, userErrorIndex } from "./rejection.ts"
import { variantsBySku } from "./variantLookup.ts"

/** Shopify's input array limit (https://shopify.dev/docs/api/usage/limits#input-limits). */
const QUANTITIES_PER_CALL = 250
/** `inventoryActivate` calls per request: each costs 10 points. */
const ACTIVATIONS_PER_REQUEST = 25

const SET_QUANTITIES = `
mutation SetAvailable($input: InventorySetQuantitiesInput!) {
  inventorySetQuantities(input: $input) { userErrors { field message code } }
}`

const SetQuantitiesResult = Schema.Struct({
  inventorySetQuantities: Schema.NullOr(Schema.Struct({ userErrors: Schema.Array(UserErrorSchema) })),
})

const ActivateResult = Schema.Record({
  key: Schema.String,
  value: Schema.NullOr(
    Schema.Struct({
      inventoryLevel: Schema.NullOr(Schema.Struct({ id: Schema.String })),
      userErrors: Schema.Array(UserErrorSchema),
    }),
  ),
})

const activateMutation = (count: number): string => {
  const indexes = Array.from({ length: count }, (_, i) => i)
  return `mutation ActivateLevels(${indexes.map((i) => `$item${i}: ID!, $location${i}: ID!, $available${i}: Int!`).join(", ")}) {
${indexes.map((i) => `  a${i}: inventoryActivate(inventoryItemId: $item${i}, locationId: $location${i}, available: $available${i}) { inventoryLevel { id } userErrors { field message } }`).join("\n")}
}`
}

/** One level to set: the item, its Shopify ids (`<inventoryItemGid>|<locationGid>`) and quantity. */
interface Level {
  readonly item: WriteItem<InventoryQuantityPayload>
  readonly inventoryItemId: string
  readonly locationId: string
}

const externalIdOf = (level: { readonly inventoryItemId: string; readonly locationId: string }) =>
  `${level.inventoryItemId}|${level.locationId}`

const parseExternalId = (externalId: string | undefined) => {
  const [inventoryItemId, locationId] = externalId?.split("|") ?? []
  return inventoryItemId && locationId ? { inventoryItemId, locationId } : undefined
}

/** `sku@LOCATION`, as `naturalKeys.inventory` builds it. */
const parseKey = (naturalKey: string) => {
  const at = naturalKey.lastIndexOf("@")
  return { sku: naturalKey.slice(0, at), locationCode: naturalKey.slice(at + 1) }
}

/** Shopify ids of SKU/location pairs; pairs with an unknown SKU or location are absent. */
const resolveIds = (
  ctx: ShopifyContext,
  pairs: ReadonlyArray<{ readonly sku: string; readonly locationCode: string }>,
) =>
  Effect.all([
    variantsBySku(
      ctx,
      pairs.map((p) => p.sku),
    ),
    locationIdsByCode(
      ctx,
      pairs.map((p) => p.locationCode),
    ),
  ]).pipe(
    Effect.map(([variants, locations]) => (pair: { readonly sku: string; readonly locationCode: string }) => {
      const inventoryItemId = variants.get(pair.sku)?.inventoryItemId
      const locationId = locations.get(pair.locationCode)
      return { inventoryItemId, locationId }
    }),
  )

const ok = (level: Level, action: "created" | "updated"): WriteOutcome => ({
  naturalKey: level.item.naturalKey,
  ok: true,
  externalId: externalIdOf(level),
  action,
})

/** Activates levels of items not stocked at their location yet, with their quantity. */
const activate = (ctx: ShopifyContext, levels: ReadonlyArray<Level>) =>
  Effect.forEach(chunksOf(levels, ACTIVATIONS_PER_REQUEST), (chunk) =>
    // https://shopify.dev/docs/api/admin-graphql/2025-01/mutations/inventoryActivate
    shopifyRequest(ctx, {
      operation: "inventory.activate",
      query: activateMutation(chunk.length),
      variables: Object.fromEntries(
        chunk.flatMap((level, i) => [
          [`item${i}`, level.inventoryItemId],
          [`location${i}`, level.locationId],
          [`available${i}`, level.item.payload.available],
        ]),
      ),
      data: ActivateResult,
    }).pipe(
      Effect.map((data) =>
        chunk.map((level, i) => {
          const result = data[`a${i}`]
          if (result === undefined || result === null) {
            return rejected(ctx.system, "inventory", level.item.naturalKey, "Shopify returned no result for this level")
          }
          return result.userErrors.length > 0 || result.inventoryLevel === null
            ? rejectedByUserErrors(ctx.system, "inventory", level.item.naturalKey, result.userErrors, 1)
            : ok(level, "created")
        }),
      ),
    ),
  ).pipe(Effect.map((chunks) => chunks.flat()))

/**
 * Sets `levels` in one call. Levels Shopify rejects are left out and the rest sent again
 * (each round removes at least one level, so this ends); unstocked ones are activated.
 */
const setLevels = (
  ctx: ShopifyContext,
  levels: ReadonlyArray<Level>,
): Effect.Effect<ReadonlyArray<WriteOutcome>, ConnectorError> => {
  if (levels.length === 0) return Effect.succeed([])
  // https://shopify.dev/docs/api/admin-graphql/2025-01/mutations/inventorySetQuantities
  return shopifyRequest(ctx, {
    operation: "inventory.setQuantities",
    query: SET_QUANTITIES,
    variables: {
      input: {
        name: "available",
        reason: "correction",
        ignoreCompareQuantity: true,
        quantities: levels.map((l) => ({
          inventoryItemId: l.inventoryItemId,
          locationId: l.locationId,
          quantity: l.item.payload.available,
        })),
      },
    },
    data: SetQuantitiesResult,
  }).pipe(
    Effect.flatMap((data) => {
      const errors = data.inventorySetQuantities?.userErrors ?? []
      if (errors.length === 0) return Effect.succeed(levels.map((l) => ok(l, "updated")))
      const byIndex = new Map<number, Array<UserError>>()
      const general: Array<UserError> = []
      for (const error of errors) {
        const index = userErrorIndex(error, ["input", "quantities"])
        if (index === undefined || index >= levels.length) general.push(error)
        else byIndex.set(index, [...(byIndex.get(index) ?? []), error])
      }
      // An error about the call itself (reason, name) concerns every level.
      if (general.length > 0) {
        return Effect.succeed(
          levels.map((l) => rejectedByUserErrors(ctx.system, "inventory", l.item.naturalKey, general, 0)),
        )
      }
      const unstocked = levels.filter((_, i) => byIndex.get(i)?.every((e) => e.code === "ITEM_NOT_STOCKED_AT_LOCATION"))
      const refused = levels.flatMap((level, i) => {
        const own = byIndex.get(i)
        if (own === undefined || own.every((e) => e.code === "ITEM_NOT_STOCKED_AT_LOCATION")) return []
        // Fields are `["input", "quantities", "3", "locationId"]`: the level's own field after the index.
        return [rejectedByUserErrors(ctx.system, "inventory", level.item.naturalKey, own, 3)]
      })
      const rest = levels.filter((_, i) => !byIndex.has(i))
      return Effect.all([activate(ctx, unstocked), setLevels(ctx, rest)]).pipe(
        Effect.map(([activated, set]) => [...refused, ...activated, ...set]),
      )
    }),
  )
}

export const inventorySink = defineSink<ShopifyConfig, InventoryQuantityPayload>({
  entity: "inventory",
  description: "Sets available stock per SKU and location (inventorySetQuantities)",
  maxBatchSize: QUANTITIES_PER_CALL,
  operations: ["update", "upsert"],
  lookup: (ctx, naturalKeys) =>
    resolveIds(ctx, naturalKeys.map(parseKey)).pipe(
      Effect.map(
        (idsOf) =>
          new Map(
            naturalKeys.flatMap((key) => {
              const { inventoryItemId, locationId } = idsOf(parseKey(key))
              return inventoryItemId && locationId
                ? [[key, externalIdOf({ inventoryItemId, locationId })] as const]
                : []
            }),
          ),
      ),
    ),
  write: (ctx, items) => {
    const unresolved = items.filter((item) => parseExternalId(item.externalId) === undefined)
    return resolveIds(
      ctx,
      unresolved.map((item) => item.payload),
    ).pipe(
      Effect.flatMap((idsOf) => {
        const outcomes = new Map<string, WriteOutcome>()
        const levels = items.flatMap((item): ReadonlyArray<Level> => {
          const ids = parseExternalId(item.externalId) ?? idsOf(item.payload)
          if (ids.inventoryItemId === undefined) {
            outcomes.set(
              item.naturalKey,
              rejected(
                ctx.system,
                "inventory",
                item.naturalKey,
                `SKU ${item.payload.sku} is not in Shopify; publish its product first`,
                "$.sku",
              ),
            )
            return []
          }
          if (ids.locationId === undefined) {
            outcomes.set(
              item.naturalKey,
              rejected(
                ctx.system,
                "inventory",
                item.naturalKey,
                `no Shopify location for code ${item.payload.locationCode}; map it under \`locations\` in the shopify config`,
                "$.locationCode",
              ),
            )
            return []
          }
          return [{ item, inventoryItemId: ids.inventoryItemId, locationId: ids.locationId }]
        })
        return Effect.forEach(chunksOf(levels, QUANTITIES_PER_CALL), (chunk) => setLevels(ctx, chunk)).pipe(
          Effect.map((written) => {
            for (const outcome of written.flat()) outcomes.set(outcome.naturalKey, outcome)
            return items.map(
              (item) =>
                outcomes.get(item.naturalKey) ?? rejected(ctx.system, "inventory", item.naturalKey, "not written"),
            )
          }),
        )
      }),
    )
  },
})
