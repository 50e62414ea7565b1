import { randomUUID } from "node:crypto"
import { mkdirSync } from "node:fs"
import { dirname } from "node:path"
import Database from "better-sqlite3"
import { Effect, Layer } from "effect"
import { StateError } from "./errors.ts"
import { sqliteMigrations } from "./sqliteSchema.ts"
import { StateStore, type StateStoreShape } from "./store.ts"
import type { Change, DeadLetter, HubRecord, RunRecord, Xref } from "./types.ts"

interface RecordRow {
  entity: string
  canonical_id: string
  natural_key: string
  payload: string
  hash: string
  updated_at: string
  field_sources: string
}
interface XrefRow {
  system: string
  entity: string
  external_id: string
  canonical_id: string
  target_hash: string | null
}
interface DeadLetterRow {
  id: number
  flow: string
  system: string
  entity: string
  direction: "inbound" | "outbound"
  record_key: string
  source_id: string
  error_tag: string
  reason: string
  path: string | null
  payload: string
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
  counts: string
  error: string | null
}

const toRecord = (row: RecordRow): HubRecord => ({
  entity: row.entity,
  canonicalId: row.canonical_id,
  naturalKey: row.natural_key,
  payload: JSON.parse(row.payload),
  hash: row.hash,
  updatedAt: row.updated_at,
  fieldSources: JSON.parse(row.field_sources),
})
const toXref = (row: XrefRow): Xref => ({
  system: row.system,
  entity: row.entity,
  externalId: row.external_id,
  canonicalId: row.canonical_id,
  targetHash: row.target_hash ?? undefined,
})
const toDeadLetter = (row: DeadLetterRow): DeadLetter => ({
  id: row.id,
  flow: row.flow,
  system: row.system,
  entity: row.entity,
  direction: row.direction,
  recordKey: row.record_key,
  sourceId: row.source_id,
  errorTag: row.error_tag,
  reason: row.reason,
  path: row.path ?? undefined,
  payload: JSON.parse(row.payload),
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
  counts: JSON.parse(row.counts),
  error: row.error ?? undefined,
})

const now = () => new Date().toISOString()

// SQLite caps bound parameters per statement; chunk IN lists well below it.
const CHUNK = 500
const chunks = <A>(items: ReadonlyArray<A>): ReadonlyArray<ReadonlyArray<A>> => {
  const out: Array<ReadonlyArray<A>> = []
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK))
  return out
}
/** The WHERE clause (and its arguments) of the dead-letter listing and counting filters. */
const deadLetterFilter = (filter: { readonly status?: string; readonly flow?: string }) => {
  const conditions: string[] = []
  const args: unknown[] = []
  if (filter.status) {
    conditions.push("status = ?")
    args.push(filter.status)
  }
  if (filter.flow) {
    conditions.push("flow = ?")
    args.push(filter.flow)
  }
  return { where: conditions.length > 0 ? `WHERE ${conditions.join(" AND ")}` : "", args }
}

const placeholders = (n: number) => Array.from({ length: n }, () => "?").join(",")

/**
 * Opens (and migrates) the embedded state: one SQLite file in WAL mode. Synchronous
 * better-sqlite3 calls wrapped as effects: the fastest path for the embedded default.
 */
export const openSqliteStateStore = (file: string): StateStoreShape => {
  if (file !== ":memory:") mkdirSync(dirname(file), { recursive: true })
  const db = new Database(file)
  db.pragma("journal_mode = WAL")
  // NORMAL in WAL mode is durable against process crashes (not power loss), which is what the
  // cursor-after-commit guarantee needs; FULL would fsync every page and cost throughput.
  db.pragma("synchronous = NORMAL")
  db.pragma("foreign_keys = ON")
  db.pragma("busy_timeout = 5000")
  migrate(db)

  const run = <A>(operation: string, f: () => A): Effect.Effect<A, StateError> =>
    Effect.try({ try: f, catch: (cause) => new StateError({ operation, detail: String(cause) }) })

  const stmt = {
    // A record the hub has under this canonical id: an update, or a rename (new natural key).
    updateRecord: db.prepare(
      `UPDATE records SET natural_key = @naturalKey, payload = @payload, hash = @hash, updated_at = @updatedAt,
         field_sources = @fieldSources WHERE entity = @entity AND canonical_id = @canonicalId`,
    ),
    // A new record, unless the natural key is in the hub already (another worker created it since
    // the engine looked): then the stored canonical id wins, as in the PostgreSQL store.
    insertRecord: db.prepare(
      `INSERT INTO records (entity, canonical_id, natural_key, payload, hash, updated_at, field_sources)
       VALUES (@entity, @canonicalId, @naturalKey, @payload, @hash, @updatedAt, @fieldSources)
       ON CONFLICT (entity, natural_key) DO UPDATE SET payload = excluded.payload, hash = excluded.hash,
         updated_at = excluded.updated_at, field_sources = excluded.field_sources
       RETURNING canonical_id`,
    ),
    appendChange: db.prepare(
      "INSERT INTO changes (entity, canonical_id, natural_key, at) VALUES (@entity, @canonicalId, @naturalKey, @at)",
    ),
    claimSku: db.prepare(
      "INSERT INTO skus (sku, product_key) VALUES (?, ?) ON CONFLICT (sku) DO UPDATE SET product_key = excluded.product_key",
    ),
    naturalKeyOf: db.prepare("SELECT natural_key FROM records WHERE entity = ? AND canonical_id = ?"),
    skusOfProduct: db.prepare("SELECT sku FROM skus WHERE product_key = ?"),
    releaseSku: db.prepare("DELETE FROM skus WHERE sku = ?"),
    upsertXref: db.prepare(
      `INSERT INTO xrefs (system, entity, external_id, canonical_id, target_hash, updated_at)
       VALUES (@system, @entity, @externalId, @canonicalId, @targetHash, @at)
       ON CONFLICT (system, entity, external_id) DO UPDATE SET canonical_id = excluded.canonical_id,
         target_hash = COALESCE(excluded.target_hash, xrefs.target_hash), updated_at = excluded.updated_at`,
    ),
    // A canonical record has one vendor id per system; a re-created vendor record replaces the old link.
    dropStaleXref: db.prepare(
      "DELETE FROM xrefs WHERE system = ? AND entity = ? AND canonical_id = ? AND external_id <> ?",
    ),
    setCursor: db.prepare(
      `INSERT INTO cursors (flow, value, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (flow) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
    ),
    resolveDeadLetter: db.prepare("UPDATE dead_letters SET status = 'resolved', updated_at = ? WHERE id = ?"),
  }

  const commitXrefs = (xrefs: ReadonlyArray<Xref>, at: string) => {
    for (const x of xrefs) {
      stmt.dropStaleXref.run(x.system, x.entity, x.canonicalId, x.externalId)
      stmt.upsertXref.run({ ...x, targetHash: x.targetHash ?? null, at })
    }
  }

  const commitInbound = db.transaction((commit: Parameters<StateStoreShape["commitInbound"]>[0]) => {
    const at = now()
    // The canonical id each record actually has in the hub, by the id the engine proposed.
    const settled = new Map<string, string>()
    const idKey = (entity: string, canonicalId: string) => `${entity}\u0000${canonicalId}`
    for (const r of commit.records) {
      const previous = stmt.naturalKeyOf.get(r.entity, r.canonicalId) as { natural_key: string } | undefined
      const row = {
        entity: r.entity,
        canonicalId: r.canonicalId,
        naturalKey: r.naturalKey,
        payload: JSON.stringify(r.payload),
        hash: r.hash,
        updatedAt: r.updatedAt,
        fieldSources: JSON.stringify(r.fieldSources),
      }
      let canonicalId = r.canonicalId
      if (previous) stmt.updateRecord.run(row)
      else
        canonicalId = (stmt.insertRecord.get(row) as { canonical_id: string } | undefined)?.canonical_id ?? canonicalId
      settled.set(idKey(r.entity, r.canonicalId), canonicalId)
      if (r.entity === "product") {
        // A variant dropped from a product frees its SKU for another product; a renamed product
        // (same canonical id, new natural key) takes its SKUs along and frees the ones it dropped.
        const keep = new Set(r.skus)
        for (const key of new Set([r.naturalKey, previous?.natural_key ?? r.naturalKey])) {
          for (const { sku } of stmt.skusOfProduct.all(key) as Array<{ sku: string }>) {
            if (!keep.has(sku)) stmt.releaseSku.run(sku)
          }
        }
      }
      for (const sku of r.skus) stmt.claimSku.run(sku, r.naturalKey)
      if (r.changed) stmt.appendChange.run({ entity: r.entity, canonicalId, naturalKey: r.naturalKey, at })
    }
    commitXrefs(
      commit.xrefs.map((x) => {
        const canonicalId = settled.get(idKey(x.entity, x.canonicalId))
        return canonicalId === undefined || canonicalId === x.canonicalId ? x : { ...x, canonicalId }
      }),
      at,
    )
    for (const id of commit.resolvedDeadLetters ?? []) stmt.resolveDeadLetter.run(at, id)
    if (commit.cursor !== undefined) stmt.setCursor.run(commit.flow, JSON.stringify(commit.cursor), at)
  })

  const commitOutbound = db.transaction((commit: Parameters<StateStoreShape["commitOutbound"]>[0]) => {
    const at = now()
    commitXrefs(commit.xrefs, at)
    for (const id of commit.resolvedDeadLetters ?? []) stmt.resolveDeadLetter.run(at, id)
    if (commit.cursor !== undefined) stmt.setCursor.run(commit.flow, JSON.stringify(commit.cursor), at)
  })

  // Lookups run once per page with IN lists of a few sizes: prepare each text once, not per call.
  const prepared = new Map<string, Database.Statement>()
  const prepareOnce = (text: string) => {
    let statement = prepared.get(text)
    if (statement === undefined) {
      statement = db.prepare(text)
      prepared.set(text, statement)
    }
    return statement
  }
  const selectIn = <Row>(sql: (ph: string) => string, fixed: ReadonlyArray<unknown>, keys: ReadonlyArray<string>) => {
    const rows: Row[] = []
    for (const part of chunks([...new Set(keys)])) {
      rows.push(...(prepareOnce(sql(placeholders(part.length))).all(...fixed, ...part) as Row[]))
    }
    return rows
  }

  const store: StateStoreShape = {
    backend: "sqlite",
    recordsByNaturalKey: (entity, keys) =>
      run("recordsByNaturalKey", () => {
        const rows = selectIn<RecordRow>(
          (ph) => `SELECT * FROM records WHERE entity = ? AND natural_key IN (${ph})`,
          [entity],
          keys,
        )
        return new Map(rows.map((r) => [r.natural_key, toRecord(r)]))
      }),
    recordsById: (entity, ids) =>
      run("recordsById", () => {
        const rows = selectIn<RecordRow>(
          (ph) => `SELECT * FROM records WHERE entity = ? AND canonical_id IN (${ph})`,
          [entity],
          ids,
        )
        return new Map(rows.map((r) => [r.canonical_id, toRecord(r)]))
      }),
    recordsPage: (entity, after, limit) =>
      run("recordsPage", () =>
        (
          prepareOnce("SELECT * FROM records WHERE entity = ? AND canonical_id > ? ORDER BY canonical_id LIMIT ?").all(
            entity,
            after,
            limit,
          ) as RecordRow[]
        ).map(toRecord),
      ),
    countRecords: (entity) =>
      run("countRecords", () => {
        const row = (
          entity
            ? db.prepare("SELECT count(*) AS n FROM records WHERE entity = ?").get(entity)
            : db.prepare("SELECT count(*) AS n FROM records").get()
        ) as { n: number }
        return row.n
      }),
    xrefsByExternalId: (system, entity, ids) =>
      run("xrefsByExternalId", () => {
        const rows = selectIn<XrefRow>(
          (ph) => `SELECT * FROM xrefs WHERE system = ? AND entity = ? AND external_id IN (${ph})`,
          [system, entity],
          ids,
        )
        return new Map(rows.map((r) => [r.external_id, toXref(r)]))
      }),
    xrefsByCanonicalId: (system, entity, ids) =>
      run("xrefsByCanonicalId", () => {
        const rows = selectIn<XrefRow>(
          (ph) => `SELECT * FROM xrefs WHERE system = ? AND entity = ? AND canonical_id IN (${ph})`,
          [system, entity],
          ids,
        )
        return new Map(rows.map((r) => [r.canonical_id, toXref(r)]))
      }),
    skuOwners: (skus) =>
      run("skuOwners", () => {
        const rows = selectIn<{ sku: string; product_key: string }>(
          (ph) => `SELECT * FROM skus WHERE sku IN (${ph})`,
          [],
          skus,
        )
        return new Map(rows.map((r) => [r.sku, r.product_key]))
      }),
    changesAfter: (entity, afterSeq, limit) =>
      run("changesAfter", () =>
        (
          prepareOnce(
            "SELECT seq, entity, canonical_id, natural_key, at FROM changes WHERE entity = ? AND seq > ? ORDER BY seq LIMIT ?",
          ).all(entity, afterSeq, limit) as Array<{
            seq: number
            entity: string
            canonical_id: string
            natural_key: string
            at: string
          }>
        ).map(
          (r): Change => ({
            seq: r.seq,
            entity: r.entity,
            canonicalId: r.canonical_id,
            naturalKey: r.natural_key,
            at: r.at,
          }),
        ),
      ),
    lastChangeSeq: (entity) =>
      run("lastChangeSeq", () => {
        const row = (
          entity
            ? db.prepare("SELECT max(seq) AS seq FROM changes WHERE entity = ?").get(entity)
            : db.prepare("SELECT max(seq) AS seq FROM changes").get()
        ) as { seq: number | null }
        return row.seq ?? 0
      }),
    getCursor: (flow) =>
      run("getCursor", () => {
        const row = db.prepare("SELECT value FROM cursors WHERE flow = ?").get(flow) as { value: string } | undefined
        return row ? JSON.parse(row.value) : undefined
      }),
    resetCursor: (flow) => run("resetCursor", () => void db.prepare("DELETE FROM cursors WHERE flow = ?").run(flow)),
    commitInbound: (commit) => run("commitInbound", () => commitInbound(commit)),
    commitOutbound: (commit) => run("commitOutbound", () => commitOutbound(commit)),
    addDeadLetters: (entries) =>
      run("addDeadLetters", () => {
        const at = now()
        // One open entry per (flow, source record): a record failing again counts an attempt.
        const again = db.prepare(
          `UPDATE dead_letters SET attempts = attempts + 1, reason = @reason, path = @path, payload = @payload,
             error_tag = @errorTag, record_key = @recordKey, updated_at = @at
           WHERE flow = @flow AND source_id = @sourceId AND status = 'open'`,
        )
        const insert = db.prepare(
          `INSERT INTO dead_letters (flow, system, entity, direction, record_key, source_id, error_tag, reason, path, payload, attempts, status, created_at, updated_at)
           VALUES (@flow, @system, @entity, @direction, @recordKey, @sourceId, @errorTag, @reason, @path, @payload, 1, 'open', @at, @at)`,
        )
        db.transaction(() => {
          for (const e of entries) {
            const row = { ...e, path: e.path ?? null, payload: JSON.stringify(e.payload ?? null), at }
            if (again.run(row).changes === 0) insert.run(row)
          }
        })()
      }),
    listDeadLetters: (filter) =>
      run("listDeadLetters", () => {
        const { where, args } = deadLetterFilter(filter)
        const sql = `SELECT * FROM dead_letters ${where} ORDER BY id LIMIT ?`
        return (db.prepare(sql).all(...args, filter.limit ?? 1000) as DeadLetterRow[]).map(toDeadLetter)
      }),
    getDeadLetter: (id) =>
      run("getDeadLetter", () => {
        const row = db.prepare("SELECT * FROM dead_letters WHERE id = ?").get(id) as DeadLetterRow | undefined
        return row ? toDeadLetter(row) : undefined
      }),
    updateDeadLetter: (id, update) =>
      run("updateDeadLetter", () => {
        db.prepare(
          `UPDATE dead_letters SET status = @status, reason = COALESCE(@reason, reason), path = CASE WHEN @reason IS NULL THEN path ELSE @path END,
             attempts = attempts + @attempted, updated_at = @at WHERE id = @id`,
        ).run({
          id,
          status: update.status,
          reason: update.reason ?? null,
          path: update.path ?? null,
          attempted: update.attempted ? 1 : 0,
          at: now(),
        })
      }),
    countDeadLetters: (filter) =>
      run("countDeadLetters", () => {
        const { where, args } = deadLetterFilter(filter)
        const sql = `SELECT count(*) AS n FROM dead_letters ${where}`
        return (db.prepare(sql).get(...args) as { n: number }).n
      }),
    startRun: (flow) =>
      run("startRun", () => {
        const id = randomUUID()
        db.prepare("INSERT INTO runs (id, flow, started_at, status, counts) VALUES (?, ?, ?, 'running', '{}')").run(
          id,
          flow,
          now(),
        )
        return id
      }),
    finishRun: (id, status, counts, error) =>
      run("finishRun", () => {
        db.prepare("UPDATE runs SET finished_at = ?, status = ?, counts = ?, error = ? WHERE id = ?").run(
          now(),
          status,
          JSON.stringify(counts),
          error ?? null,
          id,
        )
      }),
    listRuns: (filter) =>
      run("listRuns", () => {
        const rows = (
          filter.flow
            ? db
                .prepare("SELECT * FROM runs WHERE flow = ? ORDER BY started_at DESC LIMIT ?")
                .all(filter.flow, filter.limit ?? 20)
            : db.prepare("SELECT * FROM runs ORDER BY started_at DESC LIMIT ?").all(filter.limit ?? 20)
        ) as RunRow[]
        return rows.map(toRun)
      }),
    rememberWebhookEvent: (system, eventId, receivedAt) =>
      run(
        "rememberWebhookEvent",
        () =>
          db
            .prepare(
              "INSERT INTO webhook_events (system, event_id, received_at) VALUES (?, ?, ?) ON CONFLICT (system, event_id) DO NOTHING",
            )
            .run(system, eventId, receivedAt).changes === 1,
      ),
    forgetWebhookEvent: (system, eventId) =>
      run(
        "forgetWebhookEvent",
        () => void db.prepare("DELETE FROM webhook_events WHERE system = ? AND event_id = ?").run(system, eventId),
      ),
    pruneWebhookEvents: (olderThan) =>
      run(
        "pruneWebhookEvents",
        () => db.prepare("DELETE FROM webhook_events WHERE received_at < ?").run(olderThan).changes,
      ),
    close: () => run("close", () => void db.close()),
  }
  return store
}

const migrate = (db: Database.Database) => {
  db.exec("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)")
  const applied = new Set(
    (db.prepare("SELECT version FROM schema_migrations").all() as Array<{ version: number }>).map((r) => r.version),
  )
  for (const migration of sqliteMigrations) {
    if (applied.has(migration.version)) continue
    db.transaction(() => {
      db.exec(migration.sql)
      db.prepare("INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)").run(migration.version, now())
    })()
  }
}

/** The SQLite store as a layer; the file is closed when the scope ends. */
export const SqliteStateStoreLive = (file: string) =>
  Layer.scoped(
    StateStore,
    Effect.acquireRelease(
      Effect.try({
        try: () => openSqliteStateStore(file),
        catch: (cause) => new StateError({ operation: `open ${file}`, detail: String(cause) }),
      }),
      (store) => Effect.orDie(store.close()),
    ),
  )
