import { randomUUID } from "node:crypto"
import { Effect, Layer } from "effect"
import { DatabaseError, escapeIdentifier, Pool, type PoolClient } from "pg"
import { StateError } from "./errors.ts"
import { postgresCommits } from "./postgresCommit.ts"
import { defaultPostgresSchema, migratePostgres } from "./postgresSchema.ts"
import { StateStore, type StateStoreShape } from "./store.ts"
import type { Change, DeadLetter, HubRecord, RunRecord, Xref } from "./types.ts"

export interface PostgresStateStoreOptions {
  /** The schema holding esl's tables (created and migrated on open); `public` by default. */
  readonly schema?: string
  /** Connections this process keeps open at most (one per concurrent store call); 10 by default. */
  readonly poolSize?: number
}

interface RecordRow {
  entity: string
  canonical_id: string
  natural_key: string
  payload: unknown
  hash: string
  updated_at: string
  field_sources: Record<string, string>
}
interface XrefRow {
  system: string
  entity: string
  external_id: string
  canonical_id: string
  target_hash: string | null
}
interface ChangeRow {
  seq: string
  entity: string
  canonical_id: string
  natural_key: string
  at: string
}
interface DeadLetterRow {
  id: string
  flow: string
  system: string
  entity: string
  direction: "inbound" | "outbound"
  record_key: string
  source_id: string
  error_tag: string
  reason: string
  path: string | null
  payload: unknown
  attempts: number
  status: DeadLetter["status"]
  created_at: string
  updated_at: string
}
interface RunRow {
  id: string
  flow: string
  started_at: string
  finished_at: string | null
  status: RunRecord["status"]
  counts: RunRecord["counts"]
  error: string | null
}

// JSONB comes back parsed (node-postgres' default type parser); BIGINT comes back as a string.
const toRecord = (row: RecordRow): HubRecord => ({
  entity: row.entity,
  canonicalId: row.canonical_id,
  naturalKey: row.natural_key,
  payload: row.payload,
  hash: row.hash,
  updatedAt: row.updated_at,
  fieldSources: row.field_sources,
})
const toXref = (row: XrefRow): Xref => ({
  system: row.system,
  entity: row.entity,
  externalId: row.external_id,
  canonicalId: row.canonical_id,
  targetHash: row.target_hash ?? undefined,
})
const toChange = (row: ChangeRow): Change => ({
  seq: Number(row.seq),
  entity: row.entity,
  canonicalId: row.canonical_id,
  naturalKey: row.natural_key,
  at: row.at,
})
const toDeadLetter = (row: DeadLetterRow): DeadLetter => ({
  id: Number(row.id),
  flow: row.flow,
  system: row.system,
  entity: row.entity,
  direction: row.direction,
  recordKey: row.record_key,
  sourceId: row.source_id,
  errorTag: row.error_tag,
  reason: row.reason,
  path: row.path ?? undefined,
  payload: row.payload,
  attempts: row.attempts,
  status: row.status,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
})
const toRun = (row: RunRow): RunRecord => ({
  id: row.id,
  flow: row.flow,
  startedAt: row.started_at,
  finishedAt: row.finished_at ?? undefined,
  status: row.status,
  counts: row.counts,
  error: row.error ?? undefined,
})

const now = () => new Date().toISOString()
const json = (value: unknown) => JSON.stringify(value ?? null)
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
const unique = <A>(items: ReadonlyArray<A>): A[] => [...new Set(items)]

/** The first key of esl's advisory locks ('esl' in ASCII), as in postgresSchema.ts. */
const LOCK_NAMESPACE = 0x65736c

/**
 * Transactions that lost a race the database detected (deadlock, serialization failure, or a
 * vendor id linked to a canonical id a concurrent commit just linked elsewhere) are run again.
 */
const MAX_ATTEMPTS = 5
const isRetryable = (error: unknown) =>
  error instanceof DatabaseError &&
  (error.code === "40P01" ||
    error.code === "40001" ||
    (error.code === "23505" && error.constraint === "xrefs_by_canonical"))

/** A database error with PostgreSQL's detail and SQLSTATE, so the reason is in the StateError. */
export const describePostgresError = (cause: unknown): string => {
  if (cause instanceof DatabaseError) {
    return `${cause.message}${cause.detail ? ` (${cause.detail})` : ""} [SQLSTATE ${cause.code ?? "?"}]`
  }
  return cause instanceof Error ? cause.message : String(cause)
}

/** The URL with its password masked, for messages: credentials never reach logs or errors. */
export const redactDatabaseUrl = (url: string): string => {
  try {
    const parsed = new URL(url)
    if (parsed.password) parsed.password = "***"
    return parsed.toString()
  } catch {
    return "postgres://…"
  }
}

/**
 * Opens the PostgreSQL state (migrating its schema first, under an advisory lock) on a pool of
 * `poolSize` connections. The same behaviour as the SQLite store, safe for many workers at once:
 *
 * - `commitInbound` / `commitOutbound` are one transaction each (re-run on deadlock), with a
 *   constant number of statements per page (postgresCommit.ts; `commitOutbound` is a single
 *   statement): the database's work per record is the rows, not a round trip per statement.
 * - Record identity is settled inside the transaction: a record whose canonical id is not in the
 *   hub is inserted with `ON CONFLICT (entity, natural_key) DO UPDATE … RETURNING canonical_id`,
 *   so two workers creating the same natural key under different generated ids end with one
 *   record, and the cross-references and change entries of the page use the id that won.
 * - The change log is appended under a transaction-scoped advisory lock, so sequence numbers
 *   become visible in order: a follower that has seen seq n never later finds a new seq < n.
 * - Cursors: last writer wins. A cursor is opaque to the store (vendor positions, `{ seq }`),
 *   it is written in the transaction that holds its page's data, and the runtime runs one
 *   flow at a time, so there is no second writer to race with; `resetCursor` moves it back
 *   on purpose.
 * - Timestamps are kept as the ISO strings the engine gave (TEXT), exactly like SQLite.
 */
export const openPostgresStateStore = async (
  url: string,
  options: PostgresStateStoreOptions = {},
): Promise<StateStoreShape> => {
  const schema = options.schema ?? defaultPostgresSchema
  await migratePostgres(url, { schema })
  const s = escapeIdentifier(schema)
  const t = {
    records: `${s}.records`,
    xrefs: `${s}.xrefs`,
    skus: `${s}.skus`,
    changes: `${s}.changes`,
    cursors: `${s}.cursors`,
    runs: `${s}.runs`,
    deadLetters: `${s}.dead_letters`,
    webhookEvents: `${s}.webhook_events`,
  }
  const pool = new Pool({ connectionString: url, max: options.poolSize ?? 10, application_name: "esl" })
  // An idle connection that dies (server restart, network) is dropped by the pool; the next call
  // opens a new one. Without a listener node would treat the event as an uncaught error.
  pool.on("error", () => undefined)
  let closed = false

  const run = <A>(operation: string, f: () => Promise<A>): Effect.Effect<A, StateError> =>
    Effect.tryPromise({
      try: f,
      catch: (cause) => new StateError({ operation, detail: describePostgresError(cause) }),
    })

  const query = async <Row extends object>(sql: string, params: ReadonlyArray<unknown> = []) =>
    (await pool.query<Row & Record<string, unknown>>(sql, [...params])).rows as Row[]

  const retrying = async <A>(f: () => Promise<A>): Promise<A> => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await f()
      } catch (error) {
        if (attempt >= MAX_ATTEMPTS || !isRetryable(error)) throw error
      }
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt))
    }
  }

  const transaction = <A>(f: (client: PoolClient) => Promise<A>): Promise<A> =>
    retrying(async () => {
      const client = await pool.connect()
      let broken = false
      try {
        await client.query("BEGIN")
        const result = await f(client)
        await client.query("COMMIT")
        return result
      } catch (error) {
        await client.query("ROLLBACK").catch(() => {
          broken = true
        })
        throw error
      } finally {
        client.release(broken)
      }
    })

  const commits = postgresCommits(t, schema)

  const deadLetterFilter = (filter: { readonly status?: DeadLetter["status"]; readonly flow?: string }) => {
    const where: string[] = []
    const params: unknown[] = []
    if (filter.status) {
      params.push(filter.status)
      where.push(`status = $${params.length}`)
    }
    if (filter.flow) {
      params.push(filter.flow)
      where.push(`flow = $${params.length}`)
    }
    return { where: where.length > 0 ? `WHERE ${where.join(" AND ")}` : "", params }
  }

  const store: StateStoreShape = {
    backend: "postgres",
    recordsByNaturalKey: (entity, keys) =>
      run("recordsByNaturalKey", async () => {
        if (keys.length === 0) return new Map()
        const rows = await query<RecordRow>(
          `SELECT * FROM ${t.records} WHERE entity = $1 AND natural_key = ANY($2::text[]) ORDER BY natural_key`,
          [entity, unique(keys)],
        )
        return new Map(rows.map((r) => [r.natural_key, toRecord(r)]))
      }),
    recordsById: (entity, ids) =>
      run("recordsById", async () => {
        if (ids.length === 0) return new Map()
        const rows = await query<RecordRow>(
          `SELECT * FROM ${t.records} WHERE entity = $1 AND canonical_id = ANY($2::text[]) ORDER BY canonical_id`,
          [entity, unique(ids)],
        )
        return new Map(rows.map((r) => [r.canonical_id, toRecord(r)]))
      }),
    recordsPage: (entity, after, limit) =>
      run("recordsPage", async () =>
        (
          await query<RecordRow>(
            `SELECT * FROM ${t.records} WHERE entity = $1 AND canonical_id > $2 ORDER BY canonical_id LIMIT $3`,
            [entity, after, limit],
          )
        ).map(toRecord),
      ),
    countRecords: (entity) =>
      run("countRecords", async () => {
        const [row] =
          entity === undefined
            ? await query<{ n: string }>(`SELECT count(*) AS n FROM ${t.records}`)
            : await query<{ n: string }>(`SELECT count(*) AS n FROM ${t.records} WHERE entity = $1`, [entity])
        return Number(row?.n ?? 0)
      }),
    xrefsByExternalId: (system, entity, ids) =>
      run("xrefsByExternalId", async () => {
        if (ids.length === 0) return new Map()
        const rows = await query<XrefRow>(
          `SELECT * FROM ${t.xrefs} WHERE system = $1 AND entity = $2 AND external_id = ANY($3::text[])
           ORDER BY external_id`,
          [system, entity, unique(ids)],
        )
        return new Map(rows.map((r) => [r.external_id, toXref(r)]))
      }),
    xrefsByCanonicalId: (system, entity, ids) =>
      run("xrefsByCanonicalId", async () => {
        if (ids.length === 0) return new Map()
        const rows = await query<XrefRow>(
          `SELECT * FROM ${t.xrefs} WHERE system = $1 AND entity = $2 AND canonical_id = ANY($3::text[])
           ORDER BY canonical_id`,
          [system, entity, unique(ids)],
        )
        return new Map(rows.map((r) => [r.canonical_id, toXref(r)]))
      }),
    skuOwners: (skus) =>
      run("skuOwners", async () => {
        if (skus.length === 0) return new Map()
        const rows = await query<{ sku: string; product_key: string }>(
          `SELECT sku, product_key FROM ${t.skus} WHERE sku = ANY($1::text[]) ORDER BY sku`,
          [unique(skus)],
        )
        return new Map(rows.map((r) => [r.sku, r.product_key]))
      }),
    changesAfter: (entity, afterSeq, limit) =>
      run("changesAfter", async () =>
        (
          await query<ChangeRow>(
            `SELECT seq, entity, canonical_id, natural_key, at FROM ${t.changes}
             WHERE entity = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
            [entity, afterSeq, limit],
          )
        ).map(toChange),
      ),
    lastChangeSeq: (entity) =>
      run("lastChangeSeq", async () => {
        const [row] =
          entity === undefined
            ? await query<{ seq: string | null }>(`SELECT max(seq) AS seq FROM ${t.changes}`)
            : await query<{ seq: string | null }>(`SELECT max(seq) AS seq FROM ${t.changes} WHERE entity = $1`, [
                entity,
              ])
        return Number(row?.seq ?? 0)
      }),
    getCursor: (flow) =>
      run("getCursor", async () => {
        const [row] = await query<{ value: unknown }>(`SELECT value FROM ${t.cursors} WHERE flow = $1`, [flow])
        return row?.value
      }),
    resetCursor: (flow) =>
      run("resetCursor", async () => void (await pool.query(`DELETE FROM ${t.cursors} WHERE flow = $1`, [flow]))),
    commitInbound: (commit) =>
      run("commitInbound", () => transaction((client) => commits.commitInbound(client, commit))),
    commitOutbound: (commit) => run("commitOutbound", () => retrying(() => commits.commitOutbound(pool, commit))),
    addDeadLetters: (entries) =>
      run("addDeadLetters", async () => {
        if (entries.length === 0) return
        const at = now()
        await transaction(async (client) => {
          // Entries are written in the order given, so ids (the listing order) match the SQLite
          // store; concurrent batches first take a lock per entry in key order, so they never
          // deadlock on entries they share.
          const keys = unique(entries.map((e) => JSON.stringify([e.flow, e.sourceId]))).sort(compare)
          for (const k of keys) {
            await client.query("SELECT pg_advisory_xact_lock($1::int, hashtext($2))", [
              LOCK_NAMESPACE,
              `dead-letter:${schema}:${k}`,
            ])
          }
          for (const e of entries) {
            // One open entry per (flow, source record): a record failing again counts an attempt.
            await client.query(
              `INSERT INTO ${t.deadLetters} AS d (flow, system, entity, direction, record_key, source_id, error_tag,
                 reason, path, payload, attempts, status, created_at, updated_at)
               VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, 1, 'open', $11, $11)
               ON CONFLICT (flow, source_id) WHERE status = 'open' DO UPDATE SET attempts = d.attempts + 1,
                 reason = excluded.reason, path = excluded.path, payload = excluded.payload,
                 error_tag = excluded.error_tag, record_key = excluded.record_key, updated_at = excluded.updated_at`,
              [
                e.flow,
                e.system,
                e.entity,
                e.direction,
                e.recordKey,
                e.sourceId,
                e.errorTag,
                e.reason,
                e.path ?? null,
                json(e.payload),
                at,
              ],
            )
          }
        })
      }),
    listDeadLetters: (filter) =>
      run("listDeadLetters", async () => {
        const { where, params } = deadLetterFilter(filter)
        const rows = await query<DeadLetterRow>(
          `SELECT * FROM ${t.deadLetters} ${where} ORDER BY id LIMIT $${params.length + 1}`,
          [...params, filter.limit ?? 1000],
        )
        return rows.map(toDeadLetter)
      }),
    getDeadLetter: (id) =>
      run("getDeadLetter", async () => {
        const [row] = await query<DeadLetterRow>(`SELECT * FROM ${t.deadLetters} WHERE id = $1`, [id])
        return row ? toDeadLetter(row) : undefined
      }),
    updateDeadLetter: (id, update) =>
      run("updateDeadLetter", async () => {
        await pool.query(
          `UPDATE ${t.deadLetters} SET status = $2, reason = COALESCE($3::text, reason),
             path = CASE WHEN $3::text IS NULL THEN path ELSE $4::text END,
             attempts = attempts + $5::int, updated_at = $6 WHERE id = $1`,
          [id, update.status, update.reason ?? null, update.path ?? null, update.attempted ? 1 : 0, now()],
        )
      }),
    countDeadLetters: (filter) =>
      run("countDeadLetters", async () => {
        const { where, params } = deadLetterFilter(filter)
        const [row] = await query<{ n: string }>(`SELECT count(*) AS n FROM ${t.deadLetters} ${where}`, params)
        return Number(row?.n ?? 0)
      }),
    startRun: (flow) =>
      run("startRun", async () => {
        const id = randomUUID()
        await pool.query(
          `INSERT INTO ${t.runs} (id, flow, started_at, status, counts) VALUES ($1, $2, $3, 'running', '{}')`,
          [id, flow, now()],
        )
        return id
      }),
    finishRun: (id, status, counts, error) =>
      run("finishRun", async () => {
        await pool.query(
          `UPDATE ${t.runs} SET finished_at = $2, status = $3, counts = $4::jsonb, error = $5 WHERE id = $1`,
          [id, now(), status, json(counts), error ?? null],
        )
      }),
    listRuns: (filter) =>
      run("listRuns", async () => {
        const rows =
          filter.flow === undefined
            ? await query<RunRow>(`SELECT * FROM ${t.runs} ORDER BY started_at DESC LIMIT $1`, [filter.limit ?? 20])
            : await query<RunRow>(`SELECT * FROM ${t.runs} WHERE flow = $1 ORDER BY started_at DESC LIMIT $2`, [
                filter.flow,
                filter.limit ?? 20,
              ])
        return rows.map(toRun)
      }),
    rememberWebhookEvent: (system, eventId, receivedAt) =>
      run("rememberWebhookEvent", async () => {
        // Of concurrent inserts of one key, PostgreSQL lets one through; the others wait for it and do nothing.
        const result = await pool.query(
          `INSERT INTO ${t.webhookEvents} (system, event_id, received_at) VALUES ($1, $2, $3)
           ON CONFLICT (system, event_id) DO NOTHING`,
          [system, eventId, receivedAt],
        )
        return result.rowCount === 1
      }),
    forgetWebhookEvent: (system, eventId) =>
      run("forgetWebhookEvent", async () => {
        await pool.query(`DELETE FROM ${t.webhookEvents} WHERE system = $1 AND event_id = $2`, [system, eventId])
      }),
    pruneWebhookEvents: (olderThan) =>
      run("pruneWebhookEvents", async () => {
        const result = await pool.query(`DELETE FROM ${t.webhookEvents} WHERE received_at < $1`, [olderThan])
        return result.rowCount ?? 0
      }),
    close: () =>
      run("close", async () => {
        if (closed) return
        closed = true
        await pool.end()
      }),
  }
  return store
}

/** The PostgreSQL store as a layer; the pool is closed when the scope ends. */
export const PostgresStateStoreLive = (url: string, options: PostgresStateStoreOptions = {}) =>
  Layer.scoped(
    StateStore,
    Effect.acquireRelease(
      Effect.tryPromise({
        try: () => openPostgresStateStore(url, options),
        catch: (cause) =>
          new StateError({
            operation: `open ${redactDatabaseUrl(url)}${options.schema ? ` (schema ${options.schema})` : ""}`,
            detail: describePostgresError(cause),
          }),
      }),
      (store) => Effect.orDie(store.close()),
    ),
  )
