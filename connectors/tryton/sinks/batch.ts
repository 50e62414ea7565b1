/**
 * Writing in batches without letting one bad record sink the others. A Tryton call is one
 * transaction: when it refuses a batch (a UserError on one record) nothing of it was written,
 * so the records are sent again one by one and only the refused ones are rejected, with
 * Tryton's own message.
 */
import { Effect, Schema } from "effect"
import { type ConnectorError, RecordRejected, VendorResponseError } from "../../../core/connector/errors.ts"
import type { TrytonClient, TrytonUserError } from "../client.ts"
import { TrytonId } from "../schemas/values.ts"

/** What happened to one record of a batch. */
export type Written =
  | { readonly key: string; readonly ok: true; readonly id: number }
  | { readonly key: string; readonly ok: false; readonly error: RecordRejected }

/** Where a batch goes: the client and the canonical entity (for rejections). */
export interface Target {
  readonly client: TrytonClient
  readonly entity: string
}

/** A rejection of the record `key`, with the reason and the payload path when known. */
export const rejected = (target: Target, key: string, reason: string, path?: string): Written => ({
  key,
  ok: false,
  error: new RecordRejected({
    system: target.client.system,
    entity: target.entity,
    recordKey: key,
    reason,
    ...(path === undefined ? {} : { path }),
  }),
})

const refusal = (target: Target, key: string) => (error: TrytonUserError) =>
  Effect.succeed([rejected(target, key, error.detail)])

/** Runs `send` on the whole batch; on a refusal, record by record. */
const oneByOneOnRefusal = <Item extends { readonly key: string }>(
  target: Target,
  items: ReadonlyArray<Item>,
  send: (batch: ReadonlyArray<Item>) => Effect.Effect<ReadonlyArray<Written>, ConnectorError | TrytonUserError>,
): Effect.Effect<ReadonlyArray<Written>, ConnectorError> => {
  if (items.length === 0) return Effect.succeed([])
  const single = (item: Item) => send([item]).pipe(Effect.catchTag("TrytonUserError", refusal(target, item.key)))
  return send(items).pipe(
    Effect.catchTag("TrytonUserError", (error) =>
      items.length === 1
        ? refusal(target, items[0]?.key ?? "")(error)
        : Effect.forEach(items, single).pipe(Effect.map((w) => w.flat())),
    ),
  )
}

/** `create([vals, …])`; on a refusal, one create per record. */
export const createAll = (
  target: Target,
  model: string,
  items: ReadonlyArray<{ readonly key: string; readonly vals: Readonly<Record<string, unknown>> }>,
): Effect.Effect<ReadonlyArray<Written>, ConnectorError> =>
  oneByOneOnRefusal(target, items, (batch) =>
    // https://docs.tryton.org/projects/server/en/6.0/ref/models/models.html#trytond.model.ModelStorage.create
    target.client.call(model, "create", [batch.map((i) => i.vals)]).pipe(
      Effect.flatMap((answer) => {
        const ids = Schema.decodeUnknownOption(Schema.Array(TrytonId))(answer)
        return ids._tag === "Some" && ids.value.length === batch.length
          ? Effect.succeed(batch.map((item, i): Written => ({ key: item.key, ok: true, id: ids.value[i] ?? 0 })))
          : Effect.fail(
              new VendorResponseError({
                system: target.client.system,
                operation: `${model}.create`,
                detail: `expected ${batch.length} ids, got ${JSON.stringify(answer)}`,
              }),
            )
      }),
    ),
  )

/** A button or method on records (`quote`, `confirm`) or `write(ids, vals)`; on a refusal, record by record. */
export const callOnAll = (
  target: Target,
  model: string,
  method: string,
  items: ReadonlyArray<{ readonly key: string; readonly id: number }>,
  extra: ReadonlyArray<unknown> = [],
): Effect.Effect<ReadonlyArray<Written>, ConnectorError> =>
  oneByOneOnRefusal(target, items, (batch) =>
    // https://docs.tryton.org/projects/server/en/6.0/topics/rpc.html (buttons take the record ids)
    target.client
      .call(model, method, [batch.map((i) => i.id), ...extra])
      .pipe(Effect.as(batch.map((item): Written => ({ key: item.key, ok: true, id: item.id })))),
  )
