import type { PoolClient } from "pg"
import type { InboundCommit, OutboundCommit, Xref } from "./types.ts"

/** The store's tables, schema-qualified and quoted. */
export interface PostgresTables {
  readonly records: string
  readonly xrefs: string
  readonly skus: string
  readonly changes: string
  readonly cursors: string
  readonly deadLetters: string
}

type CommittedRecord = InboundCommit["records"][number]

/** The first key of esl's advisory locks ('esl' in ASCII), as in postgresSchema.ts. */
const LOCK_NAMESPACE = 0x65736c

const now = () => new Date().toISOString()
const json = (value: unknown) => JSON.stringify(value ?? null)
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
const unique = <A>(items: ReadonlyArray<A>): A[] => [...new Set(items)]
const key = (...parts: ReadonlyArray<string>) => parts.join("\u0000")

const RECORD_COLUMNS = "entity, canonical_id, natural_key, payload, hash, updated_at, field_sources"
const RECORD_UNNEST = `unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])`
const recordColumns = (records: ReadonlyArray<CommittedRecord>) => [
  records.map((r) => r.entity),
  records.map((r) => r.canonicalId),
  records.map((r) => r.naturalKey),
  records.map((r) => json(r.payload)),
  records.map((r) => r.hash),
  records.map((r) => r.updatedAt),
  records.map((r) => json(r.fieldSources)),
]

/**
 * Cross-references of one commit: per vendor id and per canonical id the last one wins, a
 * canonical record keeps one vendor id per system (a re-created vendor record replaces the old
 * link), and a missing target hash keeps the stored one. Rows are in key order so concurrent
 * commits lock them in the same order. Answers the columns for `unnest`.
 *
 * Unlike SQLite's link-after-link writes, a link overridden within the commit (one vendor id
 * named twice) does not first displace the link its canonical record had; the engines never name
 * a vendor id twice in one commit.
 */
const xrefColumns = (xrefs: ReadonlyArray<Xref>) => {
  const byExternal = new Map<string, Xref>()
  for (const x of xrefs) {
    const k = key(x.system, x.entity, x.externalId)
    byExternal.delete(k)
    byExternal.set(k, x)
  }
  const byCanonical = new Map<string, Xref>()
  for (const x of byExternal.values()) {
    const k = key(x.system, x.entity, x.canonicalId)
    byCanonical.delete(k)
    byCanonical.set(k, x)
  }
  const rows = [...byCanonical.values()].sort(
    (a, b) => compare(a.system, b.system) || compare(a.entity, b.entity) || compare(a.externalId, b.externalId),
  )
  return [
    rows.map((x) => x.system),
    rows.map((x) => x.entity),
    rows.map((x) => x.externalId),
    rows.map((x) => x.canonicalId),
    rows.map((x) => x.targetHash ?? null),
  ]
}
const XREF_UPSERT =
  "canonical_id = excluded.canonical_id, target_hash = COALESCE(excluded.target_hash, x.target_hash), updated_at = excluded.updated_at"

/** A pool (a statement is its own transaction) or a connection inside one. */
export interface Queryable {
  readonly query: PoolClient["query"]
}

/**
 * The writes of a commit, each a constant number of statements per page or batch (never one per
 * record): `commitInbound` on a connection inside the caller's transaction, `commitOutbound` as
 * one statement (its own transaction) on the pool or a connection.
 */
export const postgresCommits = (t: PostgresTables, schema: string) => {
  const commitXrefs = async (client: PoolClient, xrefs: ReadonlyArray<Xref>, at: string) => {
    if (xrefs.length === 0) return
    const columns = xrefColumns(xrefs)
    await client.query(
      `DELETE FROM ${t.xrefs} AS x
       USING unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS u(system, entity, external_id, canonical_id)
       WHERE x.system = u.system AND x.entity = u.entity AND x.canonical_id = u.canonical_id
         AND x.external_id <> u.external_id`,
      columns.slice(0, 4),
    )
    await client.query(
      `INSERT INTO ${t.xrefs} AS x (system, entity, external_id, canonical_id, target_hash, updated_at)
       SELECT u.system, u.entity, u.external_id, u.canonical_id, u.target_hash, $6
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])
         WITH ORDINALITY AS u(system, entity, external_id, canonical_id, target_hash, n)
       ORDER BY u.n
       ON CONFLICT (system, entity, external_id) DO UPDATE SET ${XREF_UPSERT}`,
      [...columns, at],
    )
  }

  const resolveDeadLetters = async (client: PoolClient, ids: ReadonlyArray<number> | undefined, at: string) => {
    if (!ids || ids.length === 0) return
    await client.query(
      `UPDATE ${t.deadLetters} SET status = 'resolved', updated_at = $1 WHERE id = ANY($2::bigint[])`,
      [at, unique(ids).sort((a, b) => a - b)],
    )
  }

  const setCursor = async (client: PoolClient, flow: string, cursor: unknown, at: string) => {
    if (cursor === undefined) return
    await client.query(
      `INSERT INTO ${t.cursors} (flow, value, updated_at) VALUES ($1, $2::jsonb, $3)
       ON CONFLICT (flow) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
      [flow, json(cursor), at],
    )
  }

  /**
   * Locks the page's records the hub has under their canonical id, and answers their natural
   * key now (before this commit renames any), by `key(entity, canonical id)`.
   */
  const lockStored = async (client: PoolClient, records: ReadonlyArray<CommittedRecord>) => {
    const rows = await client.query<{ entity: string; canonical_id: string; natural_key: string }>(
      `SELECT r.entity, r.canonical_id, r.natural_key
       FROM ${t.records} AS r JOIN unnest($1::text[], $2::text[]) AS u(entity, canonical_id)
         ON r.entity = u.entity AND r.canonical_id = u.canonical_id
       ORDER BY r.entity, r.canonical_id
       FOR UPDATE OF r`,
      [records.map((r) => r.entity), records.map((r) => r.canonicalId)],
    )
    return new Map(rows.rows.map((row) => [key(row.entity, row.canonical_id), row.natural_key]))
  }

  /**
   * Whether the outcome of the page depends on the order its records are written in: two
   * records with one canonical id, or sharing a natural key (the one either has or had before
   * this commit, which is also whose SKUs it frees). Only then are records written one by one.
   */
  const recordsInteract = (records: ReadonlyArray<CommittedRecord>, stored: ReadonlyMap<string, string>) => {
    const ids = new Set<string>()
    const naturalKeys = new Set<string>()
    for (const r of records) {
      const id = key(r.entity, r.canonicalId)
      if (ids.has(id)) return true
      ids.add(id)
      // Bare natural keys: SKU owners are product numbers, whatever the entity.
      for (const k of unique([r.naturalKey, stored.get(id) ?? r.naturalKey])) {
        if (naturalKeys.has(k)) return true
        naturalKeys.add(k)
      }
    }
    return false
  }

  /**
   * Writes the page's records with one statement per kind: updates of stored records (renames
   * included), inserts of new ones, SKUs freed, SKUs claimed. Answers the canonical id each
   * record has in the hub by `key(entity, proposed id)`: a new record whose natural key a
   * concurrent commit created first joins that record (`ON CONFLICT … RETURNING`).
   */
  const writeRecordsTogether = async (
    client: PoolClient,
    order: ReadonlyArray<CommittedRecord>,
    stored: ReadonlyMap<string, string>,
    settled: Map<string, string>,
  ) => {
    const updates = order.filter((r) => stored.has(key(r.entity, r.canonicalId)))
    const inserts = order.filter((r) => !stored.has(key(r.entity, r.canonicalId)))
    if (updates.length > 0) {
      await client.query(
        `UPDATE ${t.records} AS r SET natural_key = u.natural_key, payload = u.payload::jsonb, hash = u.hash,
           updated_at = u.updated_at, field_sources = u.field_sources::jsonb
         FROM ${RECORD_UNNEST} AS u(${RECORD_COLUMNS})
         WHERE r.entity = u.entity AND r.canonical_id = u.canonical_id`,
        recordColumns(updates),
      )
      for (const r of updates) settled.set(key(r.entity, r.canonicalId), r.canonicalId)
    }
    if (inserts.length > 0) {
      const inserted = await client.query<{ entity: string; natural_key: string; canonical_id: string }>(
        `INSERT INTO ${t.records} (${RECORD_COLUMNS})
         SELECT u.entity, u.canonical_id, u.natural_key, u.payload::jsonb, u.hash, u.updated_at, u.field_sources::jsonb
         FROM ${RECORD_UNNEST} WITH ORDINALITY AS u(${RECORD_COLUMNS}, n)
         ORDER BY u.n
         ON CONFLICT (entity, natural_key) DO UPDATE SET payload = excluded.payload, hash = excluded.hash,
           updated_at = excluded.updated_at, field_sources = excluded.field_sources
         RETURNING entity, natural_key, canonical_id`,
        recordColumns(inserts),
      )
      const winner = new Map(inserted.rows.map((row) => [key(row.entity, row.natural_key), row.canonical_id]))
      for (const r of inserts)
        settled.set(key(r.entity, r.canonicalId), winner.get(key(r.entity, r.naturalKey)) ?? r.canonicalId)
    }

    // A variant dropped from a product frees its SKU for another product; a renamed product
    // (same canonical id, new natural key) takes its SKUs along and frees the ones it dropped.
    // The page's records share no natural key, so each product key here has one owner record.
    const freed = { productKey: [] as string[], owner: [] as string[] }
    const kept = { sku: [] as string[], owner: [] as string[] }
    const claims = new Map<string, string>()
    for (const r of order) {
      const skus = unique(r.skus)
      if (r.entity === "product") {
        const previousKey = stored.get(key(r.entity, r.canonicalId)) ?? r.naturalKey
        for (const productKey of unique([r.naturalKey, previousKey])) {
          freed.productKey.push(productKey)
          freed.owner.push(r.naturalKey)
        }
        for (const sku of skus) {
          kept.sku.push(sku)
          kept.owner.push(r.naturalKey)
        }
      }
      // Written in turn, a later record claiming the same SKU would take it: the last one wins.
      for (const sku of skus) claims.set(sku, r.naturalKey)
    }
    if (freed.productKey.length > 0) {
      await client.query(
        `DELETE FROM ${t.skus} AS s
         USING unnest($1::text[], $2::text[]) AS f(product_key, owner)
         WHERE s.product_key = f.product_key
           AND NOT EXISTS (SELECT 1 FROM unnest($3::text[], $4::text[]) AS k(sku, owner)
                           WHERE k.owner = f.owner AND k.sku = s.sku)`,
        [freed.productKey, freed.owner, kept.sku, kept.owner],
      )
    }
    if (claims.size > 0) {
      const skus = [...claims.keys()].sort(compare)
      await client.query(
        `INSERT INTO ${t.skus} (sku, product_key)
         SELECT u.sku, u.product_key FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS u(sku, product_key, n)
         ORDER BY u.n
         ON CONFLICT (sku) DO UPDATE SET product_key = excluded.product_key`,
        [skus, skus.map((sku) => claims.get(sku)!)],
      )
    }
  }

  /**
   * Writes the page's records one after another, four statements each: for the rare page whose
   * records share a canonical id or a natural key, where each record must see the previous one's
   * write (a rename freeing a key a new record of the page takes, say).
   */
  const writeRecordsInTurn = async (
    client: PoolClient,
    order: ReadonlyArray<CommittedRecord>,
    settled: Map<string, string>,
  ) => {
    for (const r of order) {
      const values = [r.entity, r.canonicalId, r.naturalKey, json(r.payload), r.hash, r.updatedAt, json(r.fieldSources)]
      // A record the hub has under this canonical id: an update, or a rename (new natural key).
      const updated = await client.query<{ previous_key: string }>(
        `UPDATE ${t.records} AS r SET natural_key = $3, payload = $4::jsonb, hash = $5, updated_at = $6,
           field_sources = $7::jsonb
         FROM (SELECT entity, canonical_id, natural_key FROM ${t.records}
               WHERE entity = $1 AND canonical_id = $2 FOR UPDATE) AS old
         WHERE r.entity = old.entity AND r.canonical_id = old.canonical_id
         RETURNING old.natural_key AS previous_key`,
        values,
      )
      let canonicalId = r.canonicalId
      let previousKey = r.naturalKey
      const previous = updated.rows[0]
      if (previous) previousKey = previous.previous_key
      else {
        // A new record, unless a concurrent commit created the natural key first: then its id wins.
        const inserted = await client.query<{ canonical_id: string }>(
          `INSERT INTO ${t.records} (${RECORD_COLUMNS})
           VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7::jsonb)
           ON CONFLICT (entity, natural_key) DO UPDATE SET payload = excluded.payload, hash = excluded.hash,
             updated_at = excluded.updated_at, field_sources = excluded.field_sources
           RETURNING canonical_id`,
          values,
        )
        canonicalId = inserted.rows[0]?.canonical_id ?? r.canonicalId
      }
      settled.set(key(r.entity, r.canonicalId), canonicalId)
      const skus = unique(r.skus).sort(compare)
      if (r.entity === "product") {
        await client.query(
          `DELETE FROM ${t.skus} WHERE product_key = ANY($1::text[]) AND NOT (sku = ANY($2::text[]))`,
          [unique([r.naturalKey, previousKey]), skus],
        )
      }
      if (skus.length > 0) {
        await client.query(
          `INSERT INTO ${t.skus} (sku, product_key) SELECT u.sku, $2 FROM unnest($1::text[]) AS u(sku) ORDER BY u.sku
           ON CONFLICT (sku) DO UPDATE SET product_key = excluded.product_key`,
          [skus, r.naturalKey],
        )
      }
    }
  }

  const commitInbound = async (client: PoolClient, commit: InboundCommit) => {
    const at = now()
    // The canonical id each record actually has in the hub, by the id the engine proposed.
    const settled = new Map<string, string>()
    const order = [...commit.records].sort((a, b) => compare(a.entity, b.entity) || compare(a.naturalKey, b.naturalKey))
    if (order.length > 0) {
      const stored = await lockStored(client, order)
      if (recordsInteract(order, stored)) await writeRecordsInTurn(client, order, settled)
      else await writeRecordsTogether(client, order, stored, settled)
    }

    const changed = commit.records.filter((r) => r.changed)
    if (changed.length > 0) {
      // Held until commit: change entries are numbered and become visible in the same order.
      await client.query("SELECT pg_advisory_xact_lock($1::int, hashtext($2))", [LOCK_NAMESPACE, `changes:${schema}`])
      await client.query(
        `INSERT INTO ${t.changes} (entity, canonical_id, natural_key, at)
         SELECT u.entity, u.canonical_id, u.natural_key, $4
         FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY AS u(entity, canonical_id, natural_key, n)
         ORDER BY u.n`,
        [
          changed.map((r) => r.entity),
          changed.map((r) => settled.get(key(r.entity, r.canonicalId)) ?? r.canonicalId),
          changed.map((r) => r.naturalKey),
          at,
        ],
      )
    }
    await commitXrefs(
      client,
      commit.xrefs.map((x) => {
        const canonicalId = settled.get(key(x.entity, x.canonicalId))
        return canonicalId === undefined || canonicalId === x.canonicalId ? x : { ...x, canonicalId }
      }),
      at,
    )
    await resolveDeadLetters(client, commit.resolvedDeadLetters, at)
    await setCursor(client, commit.flow, commit.cursor, at)
  }

  /**
   * One statement, so its own transaction without BEGIN and COMMIT: an outbound run commits after
   * every batch the vendor took (10 products on Shopify), so round trips add up. Stale links are
   * deleted before the upsert reads (the scalar subquery runs first), and rows this statement
   * deleted do not count against the unique indexes, as with two statements in one transaction.
   */
  const commitOutbound = async (db: Queryable, commit: OutboundCommit) => {
    const resolved = unique(commit.resolvedDeadLetters ?? []).sort((a, b) => a - b)
    if (commit.xrefs.length === 0 && resolved.length === 0 && commit.cursor === undefined) return
    await db.query(
      `WITH u AS (
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])
           WITH ORDINALITY AS u(system, entity, external_id, canonical_id, target_hash, n)
       ), stale AS (
         DELETE FROM ${t.xrefs} AS x USING u
         WHERE x.system = u.system AND x.entity = u.entity AND x.canonical_id = u.canonical_id
           AND x.external_id <> u.external_id
         RETURNING 1
       ), resolved AS (
         UPDATE ${t.deadLetters} SET status = 'resolved', updated_at = $6 WHERE id = ANY($7::bigint[]) RETURNING 1
       ), moved_cursor AS (
         INSERT INTO ${t.cursors} (flow, value, updated_at) SELECT $8, $9::jsonb, $6 WHERE $9::jsonb IS NOT NULL
         ON CONFLICT (flow) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at
         RETURNING 1
       )
       INSERT INTO ${t.xrefs} AS x (system, entity, external_id, canonical_id, target_hash, updated_at)
       SELECT u.system, u.entity, u.external_id, u.canonical_id, u.target_hash, $6 FROM u
       WHERE (SELECT count(*) FROM stale) >= 0
       ORDER BY u.n
       ON CONFLICT (system, entity, external_id) DO UPDATE SET ${XREF_UPSERT}`,
      [
        ...xrefColumns(commit.xrefs),
        now(),
        resolved,
        commit.flow,
        commit.cursor === undefined ? null : json(commit.cursor),
      ],
    )
  }

  return { commitInbound, commitOutbound }
}
