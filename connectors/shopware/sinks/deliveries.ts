/**
 * Fulfilment back to the shop: the order's delivery gets the tracking codes (Sync API upsert of
 * `order_delivery.trackingCodes`) and its state moves with a state machine transition
 * (`POST /api/_action/order_delivery/{id}/state/{transition}`), which also lets Shopware send
 * its shipping mail. The delivery is the order's first (Shopware creates one per order; split
 * deliveries are not addressed separately).
 */
import { Effect, Schema } from "effect"
import { defineSink, RecordRejected, type WriteOutcome } from "../../../core/connector/index.ts"
import { errorsOf, type ShopwareContext, search } from "../client.ts"
import type { ShopwareConfig } from "../config.ts"
import type { DeliveryPayload } from "../schemas/payloads.ts"
import { MAX_SYNC_RECORDS, rejection, syncUpsert } from "./sync.ts"

const OrderDeliveries = Schema.Struct({
  id: Schema.String,
  orderNumber: Schema.String,
  deliveries: Schema.Array(
    Schema.Struct({
      id: Schema.String,
      trackingCodes: Schema.Array(Schema.String),
      stateMachineState: Schema.Struct({ technicalName: Schema.String }),
    }),
  ),
})

/** `channel:orderNumber:fulfillmentId` → the order number. */
const orderNumberOf = (naturalKey: string): string => naturalKey.split(":")[1] ?? naturalKey

/** States from which each transition is possible in the default delivery state machine. */
const FROM: Readonly<Record<"ship" | "cancel", ReadonlyArray<string>>> = {
  ship: ["open", "shipped_partially"],
  cancel: ["open", "shipped_partially"],
}

const ordersByNumber = (ctx: ShopwareContext, numbers: ReadonlyArray<string>) =>
  search(
    ctx,
    "order",
    {
      filter: [{ type: "equalsAny", field: "orderNumber", value: [...new Set(numbers)] }],
      limit: numbers.length,
      associations: { deliveries: { associations: { stateMachineState: {} } } },
    },
    OrderDeliveries,
  ).pipe(Effect.map((orders) => new Map(orders.map((o) => [o.orderNumber, o]))))

export const deliveriesSink = defineSink<ShopwareConfig, DeliveryPayload>({
  entity: "fulfillment",
  description: "order delivery state (ship, cancel) and tracking codes",
  maxBatchSize: MAX_SYNC_RECORDS,
  operations: ["update"],
  // A fulfilment "exists" in Shopware once its delivery has left `open`: shipped or cancelled.
  lookup: (ctx, keys) =>
    ordersByNumber(ctx, keys.map(orderNumberOf)).pipe(
      Effect.map((orders) => {
        const out = new Map<string, string>()
        for (const key of keys) {
          const delivery = orders.get(orderNumberOf(key))?.deliveries[0]
          if (delivery !== undefined && delivery.stateMachineState.technicalName !== "open") out.set(key, delivery.id)
        }
        return out
      }),
    ),
  write: (ctx, items) =>
    Effect.gen(function* () {
      const orders = yield* ordersByNumber(
        ctx,
        items.map((i) => i.payload.orderNumber),
      )
      const outcomes: WriteOutcome[] = []
      const codesOf = new Map<string, string[]>()
      const tracked: Array<{
        key: string
        delivery: string
        transition: "ship" | "cancel" | null
        state: string
        known: boolean
      }> = []
      for (const item of items) {
        const delivery = orders.get(item.payload.orderNumber)?.deliveries[0]
        if (delivery === undefined) {
          outcomes.push({
            naturalKey: item.naturalKey,
            ok: false,
            error: new RecordRejected({
              system: ctx.system,
              entity: "fulfillment",
              recordKey: item.naturalKey,
              reason: `Shopware has no order ${item.payload.orderNumber} with a delivery`,
              path: "$.orderNumber",
            }),
          })
          continue
        }
        tracked.push({
          key: item.naturalKey,
          delivery: delivery.id,
          transition: item.payload.transition,
          state: delivery.stateMachineState.technicalName,
          known: item.externalId !== undefined,
        })
        codesOf.set(delivery.id, [
          ...new Set([...(codesOf.get(delivery.id) ?? delivery.trackingCodes), ...item.payload.trackingCodes]),
        ])
      }
      const codes = yield* syncUpsert(
        ctx,
        "order_delivery",
        tracked.map((t) => ({ key: t.key, payload: { id: t.delivery, trackingCodes: codesOf.get(t.delivery) ?? [] } })),
      )
      // Two fulfilments of one delivery in a batch: the second sees the state the first left.
      const stateOf = new Map(tracked.map((t) => [t.delivery, t.state]))
      for (const t of tracked) {
        const written = codes.get(t.key)
        if (written?.ok !== true) {
          outcomes.push({
            naturalKey: t.key,
            ok: false,
            error: rejection(ctx, "fulfillment", t.key, written?.errors ?? [], "write-order_delivery"),
          })
          continue
        }
        const state = stateOf.get(t.delivery) ?? t.state
        if (t.transition !== null && FROM[t.transition].includes(state)) {
          const moved = yield* ctx.http
            .request({
              method: "POST",
              path: `api/_action/order_delivery/${t.delivery}/state/${t.transition}`,
              body: {},
            })
            .pipe(
              Effect.as(undefined),
              Effect.catchTag("HttpStatusError", (error) => {
                const errors = error.status === 400 ? errorsOf(error.body) : undefined
                return errors === undefined ? Effect.fail(error) : Effect.succeed(errors)
              }),
            )
          if (moved !== undefined) {
            outcomes.push({ naturalKey: t.key, ok: false, error: rejection(ctx, "fulfillment", t.key, moved, "") })
            continue
          }
          stateOf.set(t.delivery, t.transition === "ship" ? "shipped" : "cancelled")
        }
        outcomes.push({ naturalKey: t.key, ok: true, externalId: t.delivery, action: t.known ? "updated" : "created" })
      }
      return outcomes
    }),
})
