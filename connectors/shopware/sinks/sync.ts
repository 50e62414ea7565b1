/**
 * Writing through the Sync API (`POST /api/_action/sync`). Since Shopware 6.5 a sync request is
 * one transaction: when one record is invalid Shopware answers 400 with every violation, each
 * with a `source.pointer` of `/<operation key>/<record index>/<field>`, and writes nothing. So
 * the records the pointers name are set aside as rejected (with Shopware's own detail) and the
 * rest are sent again, until a request goes through or nothing is left.
 */
import { Effect } from "effect"
import { type ConnectorError, RecordRejected } from "../../../core/connector/index.ts"
import { errorsOf, type ShopwareContext, type ShopwareError } from "../client.ts"

/**
 * Records per sync request. Shopware documents no hard maximum; its docs advise small batches
 * because a request is one transaction in one PHP process. 100 records (a parent product and its
 * variants count as one) keeps a request well within PHP's default limits.
 */
export const MAX_SYNC_RECORDS = 100

/** One record to upsert: the key its outcome is reported under, and the entity payload. */
export interface SyncRecord {
  readonly key: string
  readonly payload: Readonly<Record<string, unknown>>
}

/** The outcome per record key: written, or Shopware's errors for it. */
export type SyncResult = { readonly ok: true } | { readonly ok: false; readonly errors: ReadonlyArray<ShopwareError> }

/** `/write-product/3/price/0/gross` → 3 (also `/3/…`, the pointer of a single-operation write). */
export const recordIndexOf = (pointer: string | undefined, operationKey: string): number | undefined => {
  if (pointer === undefined) return undefined
  const parts = pointer.split("/").filter((p) => p !== "")
  const at = parts[0] === operationKey ? 1 : 0
  const index = Number(parts[at])
  return Number.isInteger(index) && index >= 0 ? index : undefined
}

/** The pointer inside the record: `/write-product/3/price/0/gross` → `$.price[0].gross`. */
export const recordPathOf = (pointer: string | undefined, operationKey: string): string | undefined => {
  if (pointer === undefined) return undefined
  const parts = pointer.split("/").filter((p) => p !== "")
  const rest = parts.slice(parts[0] === operationKey ? 2 : 1)
  return `$${rest.map((p) => (/^\d+$/.test(p) ? `[${p}]` : `.${p}`)).join("")}`
}

/** A rejected record as the failed outcome the engine puts in the DLQ. */
export const rejection = (
  ctx: ShopwareContext,
  entity: string,
  recordKey: string,
  errors: ReadonlyArray<ShopwareError>,
  operationKey: string,
): RecordRejected => {
  const [first] = errors
  const path = recordPathOf(first?.pointer, operationKey)
  return new RecordRejected({
    system: ctx.system,
    entity,
    recordKey,
    reason: errors
      .map((e) => `${e.code === "" ? e.title : e.code}: ${e.detail}${e.pointer ? ` (${e.pointer})` : ""}`)
      .join("; "),
    ...(path === undefined ? {} : { path }),
  })
}

/**
 * Upserts records of one entity in one sync operation, setting aside what Shopware rejects.
 * `indexing-behavior: use-queue-indexing` moves re-indexing to the message queue, as Shopware
 * advises for imports.
 */
export const syncUpsert = (
  ctx: ShopwareContext,
  entity: string,
  records: ReadonlyArray<SyncRecord>,
): Effect.Effect<ReadonlyMap<string, SyncResult>, ConnectorError> =>
  Effect.gen(function* () {
    const operationKey = `write-${entity}`
    const results = new Map<string, SyncResult>()
    let remaining = [...records]
    while (remaining.length > 0) {
      const body = { [operationKey]: { entity, action: "upsert", payload: remaining.map((r) => r.payload) } }
      const sent = yield* ctx.http
        .request({
          method: "POST",
          path: "api/_action/sync",
          body,
          headers: { "indexing-behavior": "use-queue-indexing" },
          // Upserts with client-chosen ids: sending one again writes the same records.
          idempotent: true,
        })
        .pipe(
          Effect.map(() => undefined),
          Effect.catchTag("HttpStatusError", (error) => {
            const errors = error.status === 400 ? errorsOf(error.body) : undefined
            return errors === undefined ? Effect.fail(error) : Effect.succeed(errors)
          }),
        )
      if (sent === undefined) {
        for (const r of remaining) results.set(r.key, { ok: true })
        break
      }
      const byIndex = new Map<number, ShopwareError[]>()
      for (const error of sent) {
        const index = recordIndexOf(error.pointer, operationKey)
        if (index === undefined || index >= remaining.length) continue
        byIndex.set(index, [...(byIndex.get(index) ?? []), error])
      }
      if (byIndex.size === 0) {
        // Shopware named no record: every one of them is rejected with what it said.
        for (const r of remaining) results.set(r.key, { ok: false, errors: sent })
        break
      }
      for (const [index, errors] of byIndex) {
        const record = remaining[index]
        if (record !== undefined) results.set(record.key, { ok: false, errors })
      }
      remaining = remaining.filter((_, index) => !byIndex.has(index))
    }
    return results
  })
