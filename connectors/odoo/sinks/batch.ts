/**
 * Writing in the largest batches Odoo takes without letting one bad record sink the others.
 * One call is one transaction in Odoo: when it refuses a batch (a ValidationError on one
 * record), nothing of the batch was written, so the records are sent again one by one and only
 * the refused ones are rejected, with Odoo's own message.
 */
import { Effect, Schema } from "effect"
import { type ConnectorError, RecordRejected, VendorResponseError } from "../../../core/connector/errors.ts"
import { callAs, type OdooClient, type OdooUserError } from "../client.ts"
import { OdooId } from "../schemas/fields.ts"

/** A record Odoo (or the values we had for it) refused. */
export interface Rejected {
  readonly key: string
  readonly ok: false
  readonly error: RecordRejected
}

/** What happened to one record of a batch. */
export type Written = { readonly key: string; readonly ok: true; readonly id: number } | Rejected

/** Where a batch goes: the client, the system's name and the canonical entity (for rejections). */
export interface Target {
  readonly client: OdooClient
  readonly system: string
  /** The canonical entity, for rejections. */
  readonly entity: string
}

/** A rejection of the record `key`, with the reason and the payload path when known. */
export const rejected = (target: Target, key: string, reason: string, path?: string): Rejected => ({
  key,
  ok: false,
  error: new RecordRejected({
    system: target.system,
    entity: target.entity,
    recordKey: key,
    reason,
    ...(path === undefined ? {} : { path }),
  }),
})

const refusal = (target: Target, key: string) => (error: OdooUserError) =>
  Effect.succeed(rejected(target, key, error.detail))

/** `create` with a list of values; on a refusal, one create per record. */
export const createAll = (
  target: Target,
  model: string,
  items: ReadonlyArray<{ readonly key: string; readonly vals: Readonly<Record<string, unknown>> }>,
): Effect.Effect<ReadonlyArray<Written>, ConnectorError> => {
  const { client, system } = target
  // https://www.odoo.com/documentation/19.0/developer/reference/backend/orm.html#odoo.models.Model.create
  const create = (batch: typeof items) =>
    callAs(client, system, Schema.Array(OdooId), model, "create", { vals_list: batch.map((i) => i.vals) }).pipe(
      Effect.flatMap((ids) =>
        ids.length === batch.length
          ? Effect.succeed(batch.map((item, i): Written => ({ key: item.key, ok: true, id: ids[i] ?? 0 })))
          : Effect.fail(
              new VendorResponseError({
                system,
                operation: `${model}.create`,
                detail: `created ${ids.length} records for ${batch.length} values`,
              }),
            ),
      ),
    )
  if (items.length === 0) return Effect.succeed([])
  return create(items).pipe(
    Effect.catchTag("OdooUserError", (error) =>
      items.length === 1
        ? refusal(target, items[0]?.key ?? "")(error).pipe(Effect.map((w) => [w]))
        : Effect.forEach(items, (item) =>
            create([item]).pipe(
              Effect.map((written) => written[0] ?? rejected(target, item.key, "no id returned")),
              Effect.catchTag("OdooUserError", refusal(target, item.key)),
            ),
          ),
    ),
  )
}

/** A record method (`write`, `action_confirm`) on many records at once; on a refusal, record by record. */
export const callOnAll = (
  target: Target,
  model: string,
  method: string,
  items: ReadonlyArray<{ readonly key: string; readonly id: number }>,
  params: Readonly<Record<string, unknown>> = {},
): Effect.Effect<ReadonlyArray<Written>, ConnectorError> => {
  const { client } = target
  // https://www.odoo.com/documentation/19.0/developer/reference/external_api.html#request (`ids` + named params)
  const call = (batch: typeof items) =>
    client
      .call(model, method, { ...params, ids: batch.map((i) => i.id) })
      .pipe(Effect.as(batch.map((item): Written => ({ key: item.key, ok: true, id: item.id }))))
  if (items.length === 0) return Effect.succeed([])
  return call(items).pipe(
    Effect.catchTag("OdooUserError", (error) =>
      items.length === 1
        ? refusal(target, items[0]?.key ?? "")(error).pipe(Effect.map((w) => [w]))
        : Effect.forEach(items, (item) =>
            call([item]).pipe(
              Effect.map((written) => written[0] ?? rejected(target, item.key, "no answer")),
              Effect.catchTag("OdooUserError", refusal(target, item.key)),
            ),
          ),
    ),
  )
}
