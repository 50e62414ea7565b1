/**
 * `updateProductVariants` for the prices and inventory sinks: all records of a batch in one
 * call; when Vendure refuses the call (one unknown id fails the whole list), each record is sent
 * alone so the refusal lands on the record that caused it
 * (https://docs.vendure.io/reference/graphql-api/admin/mutations#updateproductvariants).
 */
import { Effect, Schema } from "effect"
import type { ConnectorError, WriteItem, WriteOutcome } from "../../../core/connector/index.ts"
import { asVendorError, type VendureContext, vendureRequest } from "../client.ts"
import { VendureId } from "../schemas/common.ts"
import { perRecord, rejected } from "./rejection.ts"
import { type VariantRef, variantsBySku } from "./variantLookup.ts"

const UPDATE_VARIANTS_MUTATION = `
mutation UpdateVariants($input: [UpdateProductVariantInput!]!) {
  updateProductVariants(input: $input) { id }
}`

const UpdateVariants = Schema.Struct({
  updateProductVariants: Schema.Array(Schema.NullOr(Schema.Struct({ id: VendureId }))),
})

/** What one record changes on its variant. */
export interface VariantChange<Payload> {
  readonly entity: string
  readonly skuOf: (payload: Payload) => string
  readonly inputOf: (payload: Payload, variant: VariantRef) => Record<string, unknown>
}

const send = (ctx: VendureContext, inputs: ReadonlyArray<Record<string, unknown>>) =>
  vendureRequest(ctx, {
    operation: "variants.update",
    query: UPDATE_VARIANTS_MUTATION,
    variables: { input: inputs },
    data: UpdateVariants,
  })

/** Writes a batch of variant changes, one outcome per item. */
export const updateVariants = <Payload>(
  ctx: VendureContext,
  items: ReadonlyArray<WriteItem<Payload>>,
  change: VariantChange<Payload>,
): Effect.Effect<ReadonlyArray<WriteOutcome>, ConnectorError> =>
  Effect.gen(function* () {
    // A refused lookup is this connector's query no longer fitting Vendure: it fails the batch.
    const bySku = yield* asVendorError(
      variantsBySku(
        ctx,
        items.map((item) => change.skuOf(item.payload)),
      ),
    )
    const found = items.flatMap((item) => {
      const variant = bySku.get(change.skuOf(item.payload))
      return variant === undefined
        ? []
        : [{ item, variant, input: { id: variant.id, ...change.inputOf(item.payload, variant) } }]
    })
    const updated = (variant: VariantRef, naturalKey: string): WriteOutcome => ({
      naturalKey,
      ok: true,
      externalId: variant.id,
      action: "updated",
    })
    const together = yield* Effect.either(
      send(
        ctx,
        found.map((f) => f.input),
      ),
    )
    const outcomes = new Map<string, WriteOutcome>()
    if (together._tag === "Right") {
      for (const f of found) outcomes.set(f.item.naturalKey, updated(f.variant, f.item.naturalKey))
    } else if (together.left._tag === "VendureGraphqlError") {
      for (const f of found) {
        const outcome = yield* perRecord(
          ctx.system,
          change.entity,
          f.item.naturalKey,
          send(ctx, [f.input]).pipe(Effect.as(updated(f.variant, f.item.naturalKey))),
        )
        outcomes.set(f.item.naturalKey, outcome)
      }
    } else {
      return yield* Effect.fail(together.left)
    }
    return items.map(
      (item) =>
        outcomes.get(item.naturalKey) ??
        rejected(
          ctx.system,
          change.entity,
          item.naturalKey,
          `Vendure has no product variant with SKU ${change.skuOf(item.payload)}; write the product first`,
          "$.sku",
        ),
    )
  })
