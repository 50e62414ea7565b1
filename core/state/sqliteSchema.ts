/**
 * Versioned migrations of the embedded store. Append only: a released migration never changes,
 * so an existing `.esl/state.db` upgrades in place.
 */
export const sqliteMigrations: ReadonlyArray<{ readonly version: number; readonly sql: string }> = [
  {
    version: 1,
    sql: `
      CREATE TABLE records (
        entity TEXT NOT NULL,
        canonical_id TEXT NOT NULL,
        natural_key TEXT NOT NULL,
        payload TEXT NOT NULL,
        hash TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        field_sources TEXT NOT NULL DEFAULT '{}',
        PRIMARY KEY (entity, canonical_id),
        UNIQUE (entity, natural_key)
      );
      CREATE TABLE xrefs (
        system TEXT NOT NULL,
        entity TEXT NOT NULL,
        external_id TEXT NOT NULL,
        canonical_id TEXT NOT NULL,
        target_hash TEXT,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (system, entity, external_id)
      );
      CREATE UNIQUE INDEX xrefs_by_canonical ON xrefs (system, entity, canonical_id);
      CREATE TABLE skus (
        sku TEXT PRIMARY KEY,
        product_key TEXT NOT NULL
      );
      CREATE TABLE changes (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        entity TEXT NOT NULL,
        canonical_id TEXT NOT NULL,
        natural_key TEXT NOT NULL,
        at TEXT NOT NULL
      );
      CREATE INDEX changes_by_entity ON changes (entity, seq);
      CREATE TABLE cursors (
        flow TEXT PRIMARY KEY,
        value TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE TABLE runs (
        id TEXT PRIMARY KEY,
        flow TEXT NOT NULL,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        status TEXT NOT NULL,
        counts TEXT NOT NULL,
        error TEXT
      );
      CREATE INDEX runs_by_flow ON runs (flow, started_at);
      CREATE TABLE dead_letters (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        flow TEXT NOT NULL,
        system TEXT NOT NULL,
        entity TEXT NOT NULL,
        direction TEXT NOT NULL,
        record_key TEXT NOT NULL,
        source_id TEXT NOT NULL,
        error_tag TEXT NOT NULL,
        reason TEXT NOT NULL,
        path TEXT,
        payload TEXT NOT NULL,
        attempts INTEGER NOT NULL,
        status TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX dead_letters_by_status ON dead_letters (status, flow);
    `,
  },
  {
    // Webhook event ids already accepted, per system: a delivery naming one again is a replay.
    version: 2,
    sql: `
      CREATE TABLE webhook_events (
        system TEXT NOT NULL,
        event_id TEXT NOT NULL,
        received_at TEXT NOT NULL,
        PRIMARY KEY (system, event_id)
      );
      CREATE INDEX webhook_events_by_received ON webhook_events (received_at);
    `,
  },
  {
    // Every product commit looks up the product's SKUs by product key; without this index that
    // was a scan of the whole skus table per product, so a full sync grew quadratically.
    // (The PostgreSQL schema has had skus_by_product from the start.)
    version: 3,
    sql: `
      CREATE INDEX skus_by_product ON skus (product_key);
    `,
  },
]
