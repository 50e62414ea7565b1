/**
 * `orders` ← canonical `order`: a new order's line items are created first (one batch per order),
 * then the orders in one batch with their associations to the line items and to the contact of
 * the customer's e-mail. An order the hub already knows has its properties updated (its line
 * items stay as written). Link before create finds orders by `hs_external_order_id` and
 * `hs_source_store`.
 */
import { Effect } from "effect"
import { defineSink, type WriteOutcome } from "../../../core/connector/define.ts"
import { RecordRejected } from "../../../core/connector/errors.ts"
import { batchRead, batchWrite, chunksOf, decodeAnswer, MAX_BATCH, post } from "../client.ts"
import type { HubspotConfig } from "../config.ts"
import { CrmObject, SearchPage } from "../schemas/object.ts"
import type { OrderPayload } from "../schemas/payload.ts"
import { type CreateInput, createAll, updateAll, type Written } from "./batchWrite.ts"

/** HUBSPOT_DEFINED association types from an order. */
const ORDER_TO_CONTACT = 507
const ORDER_TO_LINE_ITEM = 513

const orderKey = (properties: Readonly<Record<string, string | null | undefined>>): string =>
  `${properties.hs_source_store ?? ""}:${properties.hs_external_order_id ?? ""}`

/** Canonical orders → HubSpot orders with line items and the contact association. */
export const ordersSink = defineSink<HubspotConfig, OrderPayload>({
  entity: "order",
  description: "orders with line items, associated with the customer's contact",
  maxBatchSize: 100,
  operations: ["create", "update"],
  lookup: (ctx, naturalKeys) =>
    Effect.gen(function* () {
      const numbers = [...new Set(naturalKeys.map((k) => k.slice(k.indexOf(":") + 1)))]
      const found = new Map<string, string>()
      for (const chunk of chunksOf(numbers, MAX_BATCH)) {
        // https://developers.hubspot.com/docs/api-reference/search/guide (IN filter)
        const response = yield* post(
          ctx,
          "crm/v3/objects/orders/search",
          {
            filterGroups: [{ filters: [{ propertyName: "hs_external_order_id", operator: "IN", values: chunk }] }],
            properties: ["hs_external_order_id", "hs_source_store"],
            limit: 200,
          },
          true,
        )
        const page = yield* decodeAnswer(SearchPage, ctx.system, "orders/search")(response.body)
        for (const order of page.results) {
          const key = orderKey(order.properties)
          if (naturalKeys.includes(key)) found.set(key, order.id)
        }
      }
      return found
    }),
  write: (ctx, items) =>
    Effect.gen(function* () {
      const rejected = (key: string, reason: string, path?: string): WriteOutcome => ({
        naturalKey: key,
        ok: false,
        error: new RecordRejected({
          system: ctx.system,
          entity: "order",
          recordKey: key,
          reason,
          ...(path === undefined ? {} : { path }),
        }),
      })
      const outcomes = new Map<string, WriteOutcome>()
      const fresh = items.filter((i) => i.externalId === undefined)
      const emails = fresh.flatMap((i) => (i.payload.contactEmail === null ? [] : [i.payload.contactEmail]))
      const contacts = yield* batchRead(ctx, "contacts", emails, ["email"], "email")
      const contactByEmail = new Map(contacts.map((c) => [c.properties.email?.toLowerCase() ?? "", c.id]))

      const creates: Array<CreateInput> = []
      for (const item of fresh) {
        const lineIds: Array<string> = []
        let refused: string | undefined
        for (const chunk of chunksOf(item.payload.lineItems, MAX_BATCH)) {
          const answer = yield* batchWrite(
            ctx,
            "line_items",
            "create",
            chunk.map((properties) => ({ properties })),
            CrmObject,
          )
          if ("refused" in answer) {
            refused = answer.refused
            break
          }
          lineIds.push(...answer.results.map((r) => r.id))
        }
        if (refused !== undefined) {
          outcomes.set(item.naturalKey, rejected(item.naturalKey, `line items: ${refused}`, "$.lineItems"))
          continue
        }
        const contactId =
          item.payload.contactEmail === null ? undefined : contactByEmail.get(item.payload.contactEmail.toLowerCase())
        creates.push({
          key: item.naturalKey,
          properties: item.payload.properties,
          associations: [
            ...(contactId === undefined ? [] : [{ toId: contactId, typeId: ORDER_TO_CONTACT }]),
            ...lineIds.map((id) => ({ toId: id, typeId: ORDER_TO_LINE_ITEM })),
          ],
        })
      }
      const written = new Map<string, Written>([
        ...(yield* createAll(ctx, "orders", creates, orderKey)),
        ...(yield* updateAll(
          ctx,
          "orders",
          items.flatMap((i) =>
            i.externalId === undefined
              ? []
              : [{ key: i.naturalKey, id: i.externalId, properties: i.payload.properties }],
          ),
        )),
      ])
      for (const item of items) {
        const result = written.get(item.naturalKey)
        if (result === undefined) continue
        outcomes.set(
          item.naturalKey,
          result.ok
            ? {
                naturalKey: item.naturalKey,
                ok: true,
                externalId: result.id,
                action: item.externalId === undefined ? "created" : "updated",
              }
            : rejected(item.naturalKey, result.reason),
        )
      }
      return items.flatMap((item) => outcomes.get(item.naturalKey) ?? [])
    }),
})
