import { Client, type ClientBase, escapeIdentifier } from "pg"

export interface PostgresMigration {
  readonly version: number
  readonly sql: string
}

/**
 * Versioned migrations of the PostgreSQL store. Append only: a released migration never changes,
 * so a running installation upgrades in place. The SQL uses unqualified names: it runs with
 * `search_path` set to the store's schema.
 *
 * - Timestamps (`updated_at`, `at`, `started_at`, …) are TEXT holding the ISO-8601 strings esl
 *   wrote, exactly as the SQLite store keeps them: the engine compares the strings it gets back,
 *   and TIMESTAMPTZ would normalise `2026-01-01T00:00:00Z` to another spelling.
 * - Keys are `COLLATE "C"`, so `recordsPage` (canonical-id order) pages in byte order like SQLite.
 * - Payloads, field sources, cursors and run counts are JSONB.
 */
export const postgresMigrations: ReadonlyArray<PostgresMigration> = [
  {
    version: 1,
    sql: `
      CREATE TABLE records (
        entity TEXT COLLATE "C" NOT NULL,
        canonical_id TEXT COLLATE "C" NOT NULL,
        natural_key TEXT COLLATE "C" NOT NULL,
        payload JSONB NOT NULL,
        hash TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        field_sources JSONB NOT NULL DEFAULT '{}',
        PRIMARY KEY (entity, canonical_id),
        CONSTRAINT records_natural_key UNIQUE (entity, natural_key)
      );
      CREATE TABLE xrefs (
        system TEXT COLLATE "C" NOT NULL,
        entity TEXT COLLATE "C" NOT NULL,
        external_id TEXT COLLATE "C" NOT NULL,
        canonical_id TEXT COLLATE "C" NOT NULL,
        target_hash TEXT,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (system, entity, external_id)
      );
      CREATE UNIQUE INDEX xrefs_by_canonical ON xrefs (system, entity, canonical_id);
      CREATE TABLE skus (
        sku TEXT COLLATE "C" PRIMARY KEY,
        product_key TEXT COLLATE "C" NOT NULL
      );
      CREATE INDEX skus_by_product ON skus (product_key);
      CREATE TABLE changes (
        seq BIGSERIAL PRIMARY KEY,
        entity TEXT COLLATE "C" NOT NULL,
        canonical_id TEXT COLLATE "C" NOT NULL,
        natural_key TEXT COLLATE "C" NOT NULL,
        at TEXT NOT NULL
      );
      CREATE INDEX changes_by_entity ON changes (entity, seq);
      CREATE TABLE cursors (
        flow TEXT COLLATE "C" PRIMARY KEY,
        value JSONB NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE TABLE runs (
        id TEXT COLLATE "C" PRIMARY KEY,
        flow TEXT COLLATE "C" NOT NULL,
        started_at TEXT COLLATE "C" NOT NULL,
        finished_at TEXT,
        status TEXT NOT NULL,
        counts JSONB NOT NULL,
        error TEXT
      );
      CREATE INDEX runs_by_flow ON runs (flow, started_at);
      CREATE INDEX runs_by_start ON runs (started_at);
      CREATE TABLE dead_letters (
        id BIGSERIAL PRIMARY KEY,
        flow TEXT COLLATE "C" NOT NULL,
        system TEXT NOT NULL,
        entity TEXT NOT NULL,
        direction TEXT NOT NULL,
        record_key TEXT NOT NULL,
        source_id TEXT COLLATE "C" NOT NULL,
        error_tag TEXT NOT NULL,
        reason TEXT NOT NULL,
        path TEXT,
        payload JSONB NOT NULL,
        attempts INTEGER NOT NULL,
        status TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX dead_letters_by_status ON dead_letters (status, flow);
      -- One open entry per (flow, source record): the target of addDeadLetters' ON CONFLICT.
      CREATE UNIQUE INDEX dead_letters_open ON dead_letters (flow, source_id) WHERE status = 'open';
    `,
  },
  {
    // Webhook event ids already accepted, per system: a delivery naming one again is a replay.
    version: 2,
    sql: `
      CREATE TABLE webhook_events (
        system TEXT COLLATE "C" NOT NULL,
        event_id TEXT COLLATE "C" NOT NULL,
        received_at TEXT COLLATE "C" NOT NULL,
        PRIMARY KEY (system, event_id)
      );
      CREATE INDEX webhook_events_by_received ON webhook_events (received_at);
    `,
  },
]

export interface PostgresMigrateOptions {
  /** The schema holding esl's tables (created if missing); `public` by default. */
  readonly schema?: string
  /** The migrations to apply; `postgresMigrations` unless a test says otherwise. */
  readonly migrations?: ReadonlyArray<PostgresMigration>
}

export interface PostgresMigrateResult {
  /** The versions this call applied (empty when the schema was up to date). */
  readonly applied: ReadonlyArray<number>
  /** Every version the schema has now, oldest first. */
  readonly versions: ReadonlyArray<number>
}

/** The first key of esl's advisory locks ('esl' in ASCII); the second is a hash of the schema. */
const LOCK_NAMESPACE = 0x65736c

export const defaultPostgresSchema = "public"

/**
 * Applies the pending migrations on an open connection, under a session-level advisory lock
 * per schema: several workers or daemons starting at once wait for each other, the first
 * applies, the others find nothing left to do. Each migration is one transaction together with
 * its `schema_migrations` row.
 */
export const migratePostgresClient = async (
  client: ClientBase,
  options: PostgresMigrateOptions = {},
): Promise<PostgresMigrateResult> => {
  const schema = options.schema ?? defaultPostgresSchema
  const migrations = [...(options.migrations ?? postgresMigrations)].sort((a, b) => a.version - b.version)
  const qschema = escapeIdentifier(schema)
  await client.query("SELECT pg_advisory_lock($1::int, hashtext($2))", [LOCK_NAMESPACE, `migrate:${schema}`])
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${qschema}`)
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${qschema}.schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)`,
    )
    const done = new Set(
      (await client.query<{ version: number }>(`SELECT version FROM ${qschema}.schema_migrations`)).rows.map(
        (r) => r.version,
      ),
    )
    const applied: number[] = []
    for (const migration of migrations) {
      if (done.has(migration.version)) continue
      await client.query("BEGIN")
      try {
        await client.query(`SET LOCAL search_path TO ${qschema}`)
        await client.query(migration.sql)
        await client.query(`INSERT INTO ${qschema}.schema_migrations (version, applied_at) VALUES ($1, $2)`, [
          migration.version,
          new Date().toISOString(),
        ])
        await client.query("COMMIT")
      } catch (error) {
        await client.query("ROLLBACK").catch(() => undefined)
        throw new Error(`migration ${migration.version} of schema ${schema} failed: ${String(error)}`, {
          cause: error,
        })
      }
      applied.push(migration.version)
      done.add(migration.version)
    }
    return { applied, versions: [...done].sort((a, b) => a - b) }
  } finally {
    // A connection that broke has lost the lock with it; callers end the connection afterwards.
    await client
      .query("SELECT pg_advisory_unlock($1::int, hashtext($2))", [LOCK_NAMESPACE, `migrate:${schema}`])
      .catch(() => undefined)
  }
}

/**
 * Brings the PostgreSQL state schema up to date on its own connection (for `esl migrate`, or a
 * deploy step that migrates before any worker starts). Safe to run while workers start.
 */
export const migratePostgres = async (
  url: string,
  options: PostgresMigrateOptions = {},
): Promise<PostgresMigrateResult> => {
  const client = new Client({ connectionString: url, application_name: "esl migrate" })
  await client.connect()
  try {
    return await migratePostgresClient(client, options)
  } finally {
    await client.end()
  }
}
