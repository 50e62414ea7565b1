/**
 * The products sink: `POST /products/batch` (up to 100 products a request), then each variable
 * product's variations through `POST /products/{id}/variations/batch`
 * (https://woocommerce.github.io/woocommerce-rest-api-docs/#batch-update-products,
 * #batch-update-product-variations). An object WooCommerce refuses comes back inside the batch
 * answer as `{ id, error }`; that product fails with WooCommerce's message, the rest go on.
 *
 * Link before create: `lookup` finds products by SKU (a variable product's SKU is its product
 * number); `write` also looks the variation SKUs up, so a product whose parent SKU was changed in
 * the shop is updated instead of duplicated.
 */
import { Effect } from "effect"
import { type ConnectorError, defineSink, type WriteItem, type WriteOutcome } from "../../../core/connector/index.ts"
import { chunksOf, MAX_BATCH, type WooContext, wooRequest } from "../client.ts"
import type { WooCommerceConfig } from "../config.ts"
import { BatchAnswer, type BatchEntry } from "../schemas/batch.ts"
import type { ProductPayload, VariationPayload } from "../schemas/product.ts"
import { type CategoryIds, ensureCategories } from "./categories.ts"
import { describeWooError, rejected } from "./rejection.ts"
import { findBySku, isVariation, type SkuRef } from "./skuLookup.ts"

interface Target {
  readonly item: WriteItem<ProductPayload>
  readonly productId: number | undefined
}

/** The product an item updates: its known id, the product with its SKU, or the parent of one of its variations. */
const targetOf = (item: WriteItem<ProductPayload>, bySku: ReadonlyMap<string, SkuRef>): Target => {
  const known = item.externalId === undefined ? undefined : Number(item.externalId)
  if (known !== undefined && Number.isInteger(known)) return { item, productId: known }
  const own = bySku.get(item.payload.sku)
  if (own !== undefined && !isVariation(own.record)) return { item, productId: own.productId }
  const parent =
    item.payload.type === "variable"
      ? item.payload.variations.map((v) => bySku.get(v.sku)).find((ref) => ref?.variationId !== undefined)
      : undefined
  return { item, productId: parent?.productId }
}

const productBody = (payload: ProductPayload, categories: CategoryIds) => {
  const { variations: _variations, categories: paths, ...product } = payload
  return {
    ...product,
    categories: paths.flatMap((path) => {
      const found = categories.get(path)
      return found !== undefined && "id" in found ? [{ id: found.id }] : []
    }),
  }
}

/** Why a product cannot be written with its categories, if one of them could not be made. */
const categoryProblem = (payload: ProductPayload, categories: CategoryIds) => {
  const index = payload.categories.findIndex((path) => {
    const found = categories.get(path)
    return found === undefined || "error" in found
  })
  if (index < 0) return undefined
  const path = payload.categories[index] ?? ""
  const found = categories.get(path)
  const reason = found !== undefined && "error" in found ? found.error : "it could not be created"
  return { path: `$.categories[${index}]`, reason: `category ${path}: ${reason}` }
}

const variationsBatch = (
  ctx: WooContext,
  target: Target,
  productId: number,
  bySku: ReadonlyMap<string, SkuRef>,
): Effect.Effect<WriteOutcome | undefined, ConnectorError> => {
  const { item } = target
  const indexed = item.payload.variations.map((variation, index) => ({ variation, index }))
  const existing = (v: VariationPayload) => {
    const ref = bySku.get(v.sku)
    return ref?.productId === productId ? ref.variationId : undefined
  }
  return Effect.forEach(chunksOf(indexed, MAX_BATCH), (chunk) => {
    const creates = chunk.filter(({ variation }) => existing(variation) === undefined)
    const updates = chunk.filter(({ variation }) => existing(variation) !== undefined)
    // https://woocommerce.github.io/woocommerce-rest-api-docs/#batch-update-product-variations
    return wooRequest(
      ctx,
      "variations.batch",
      {
        method: "POST",
        path: `products/${productId}/variations/batch`,
        body: {
          create: creates.map(({ variation }) => variation),
          update: updates.map(({ variation }) => ({ id: existing(variation), ...variation })),
        },
      },
      BatchAnswer,
    ).pipe(
      Effect.map((answer) => {
        const entries: Array<readonly [number, BatchEntry | undefined]> = [
          ...creates.map(({ index }, i) => [index, answer.create?.[i]] as const),
          ...updates.map(({ index }, i) => [index, answer.update?.[i]] as const),
        ]
        return entries.flatMap(([index, entry]) => {
          if (entry === undefined) return [{ index, reason: "WooCommerce returned no result for this variation" }]
          return entry.error === undefined ? [] : [{ index, reason: describeWooError(entry.error) }]
        })
      }),
    )
  }).pipe(
    Effect.map((failures) => {
      const all = failures.flat()
      const [first] = all
      if (first === undefined) return undefined
      return rejected(
        ctx.system,
        "product",
        item.naturalKey,
        all.map((f) => `variation ${item.payload.variations[f.index]?.sku ?? f.index}: ${f.reason}`).join("; "),
        `$.variations[${first.index}].sku`,
      )
    }),
  )
}

const writeChunk = (
  ctx: WooContext,
  targets: ReadonlyArray<Target>,
  bySku: ReadonlyMap<string, SkuRef>,
  categories: CategoryIds,
): Effect.Effect<ReadonlyArray<WriteOutcome>, ConnectorError> => {
  const creates = targets.filter((t) => t.productId === undefined)
  const updates = targets.filter((t) => t.productId !== undefined)
  // https://woocommerce.github.io/woocommerce-rest-api-docs/#batch-update-products
  return wooRequest(
    ctx,
    "products.batch",
    {
      method: "POST",
      path: "products/batch",
      body: {
        create: creates.map((t) => productBody(t.item.payload, categories)),
        update: updates.map((t) => ({ id: t.productId, ...productBody(t.item.payload, categories) })),
      },
    },
    BatchAnswer,
  ).pipe(
    Effect.flatMap((answer) => {
      const results = [
        ...creates.map((t, i) => ({ target: t, entry: answer.create?.[i], action: "created" as const })),
        ...updates.map((t, i) => ({ target: t, entry: answer.update?.[i], action: "updated" as const })),
      ]
      return Effect.forEach(results, ({ target, entry, action }): Effect.Effect<WriteOutcome, ConnectorError> => {
        const key = target.item.naturalKey
        if (entry === undefined) {
          return Effect.succeed(rejected(ctx.system, "product", key, "WooCommerce returned no result for this product"))
        }
        if (entry.error !== undefined) {
          return Effect.succeed(rejected(ctx.system, "product", key, describeWooError(entry.error), "$.sku"))
        }
        const ok: WriteOutcome = { naturalKey: key, ok: true, externalId: String(entry.id), action }
        if (target.item.payload.type !== "variable") return Effect.succeed(ok)
        return variationsBatch(ctx, target, entry.id, bySku).pipe(Effect.map((failure) => failure ?? ok))
      })
    }),
  )
}

export const productsSink = defineSink<WooCommerceConfig, ProductPayload>({
  entity: "product",
  description: "Creates or updates variable products with their variations, and simple products (batch of 100)",
  maxBatchSize: MAX_BATCH,
  operations: ["create", "update", "upsert"],
  lookup: (ctx, productNumbers) =>
    findBySku(ctx, productNumbers).pipe(
      Effect.map(
        (bySku) =>
          new Map(
            productNumbers.flatMap((number) => {
              const ref = bySku.get(number)
              // A single-variant product's number is often its SKU: then it is a simple product.
              return ref === undefined || isVariation(ref.record) ? [] : [[number, String(ref.productId)] as const]
            }),
          ),
      ),
    ),
  write: (ctx, items) =>
    Effect.gen(function* () {
      const bySku = yield* findBySku(
        ctx,
        items.flatMap((item) => [item.payload.sku, ...item.payload.variations.map((v) => v.sku)]),
      )
      const categories = yield* ensureCategories(
        ctx,
        items.flatMap((item) => item.payload.categories),
      )
      const rejectedByCategory = new Map(
        items.flatMap((item) => {
          const problem = categoryProblem(item.payload, categories)
          return problem === undefined
            ? []
            : [[item, rejected(ctx.system, "product", item.naturalKey, problem.reason, problem.path)] as const]
        }),
      )
      const writable = items.filter((item) => !rejectedByCategory.has(item))
      const outcomes = yield* Effect.forEach(
        chunksOf(
          writable.map((item) => targetOf(item, bySku)),
          MAX_BATCH,
        ),
        (chunk) => writeChunk(ctx, chunk, bySku, categories),
      )
      const byKey = new Map(outcomes.flat().map((o) => [o.naturalKey, o]))
      // One outcome per item, in the order the engine gave them.
      return items.flatMap((item) => {
        const outcome = rejectedByCategory.get(item) ?? byKey.get(item.naturalKey)
        return outcome === undefined ? [] : [outcome]
      })
    }),
})
