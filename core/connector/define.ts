import type { Effect, Schema, Stream } from "effect"
import type { HttpClient, HttpClientOptions } from "../http/index.ts"
import type { EntityName } from "../model/index.ts"
import type { Configurable } from "./env.ts"
import type { ConnectorError, RecordRejected } from "./errors.ts"
import type { Sandbox, SandboxOptions } from "./sandbox.ts"
import type { WebhookDefinition } from "./webhook.ts"

/** What a stream or sink gets to work with: its system's name, decoded config and HTTP client. */
export interface ConnectorContext<Config> {
  /** The system's name in the user's config (`erp`, `shop-de`), not the connector's. */
  readonly system: string
  readonly config: Config
  readonly http: HttpClient
}

/**
 * A position in a stream ordered by (updatedAt, id). The id breaks ties, so records sharing
 * the last timestamp are neither missed nor re-read forever.
 */
export interface StreamCursor {
  readonly at: string
  readonly id: string
}

export interface ReadOptions {
  /** Read only records at or after this position (inclusive on `at`; the engine drops what it has seen). */
  readonly since?: StreamCursor
  /** Records per page; the stream clamps it to what the vendor allows. */
  readonly pageSize?: number
}

/**
 * A readable stream of vendor records of one canonical entity.
 * Incremental streams yield records ordered by `positionOf` ascending.
 */
export interface StreamDefinition<Config, Raw> {
  readonly entity: EntityName
  readonly description: string
  /** True when `read` honours `since` and yields in (updatedAt, id) order. */
  readonly incremental: boolean
  /** The vendor id of a record (what the cross-reference stores). */
  readonly idOf: (raw: Raw) => string
  /** Where a record sits in the (updatedAt, id) order; `at` is an ISO instant in UTC. */
  readonly positionOf: (raw: Raw) => StreamCursor
  /** Pages of raw records, one array per vendor page. */
  readonly read: (
    ctx: ConnectorContext<Config>,
    options: ReadOptions,
  ) => Stream.Stream<ReadonlyArray<Raw>, ConnectorError>
  /** Reads records by vendor id (webhooks name records; DLQ replay re-reads them). */
  readonly readByIds?: (
    ctx: ConnectorContext<Config>,
    ids: ReadonlyArray<string>,
  ) => Effect.Effect<ReadonlyArray<Raw>, ConnectorError>
}

/** One record to write: its natural key, its vendor id when the hub already knows it, and the vendor payload. */
export interface WriteItem<Payload> {
  readonly naturalKey: string
  readonly externalId?: string
  readonly payload: Payload
}

export type WriteOutcome =
  | {
      readonly naturalKey: string
      readonly ok: true
      readonly externalId: string
      readonly action: "created" | "updated"
    }
  | { readonly naturalKey: string; readonly ok: false; readonly error: RecordRejected }

export type WriteOperation = "create" | "update" | "upsert" | "delete"

/**
 * A writable target for one canonical entity. `write` gets at most `maxBatchSize` items and
 * answers one outcome per item: a rejected record is an outcome, not a failure of the batch.
 */
export interface SinkDefinition<Config, Payload> {
  readonly entity: EntityName
  readonly description: string
  /** The largest batch the vendor accepts in one call; the engine never sends more. */
  readonly maxBatchSize: number
  readonly operations: ReadonlyArray<WriteOperation>
  /**
   * Link before create: the vendor ids of records that already exist there, by natural key.
   * The engine calls it for every record it has no cross-reference for, so a create retried
   * after a crash finds the first one instead of making a duplicate.
   */
  readonly lookup: (
    ctx: ConnectorContext<Config>,
    naturalKeys: ReadonlyArray<string>,
  ) => Effect.Effect<ReadonlyMap<string, string>, ConnectorError>
  /**
   * The write links by itself: it upserts on a unique vendor key (HubSpot's `hs_sku`), so a
   * retried create cannot duplicate and its answer carries the vendor id. The engine then skips
   * `lookup` before writing, which saves a request per batch against the vendor's rate limit.
   * A dry run counts such records as created.
   */
  readonly linksOnWrite?: boolean
  readonly write: (
    ctx: ConnectorContext<Config>,
    items: ReadonlyArray<WriteItem<Payload>>,
  ) => Effect.Effect<ReadonlyArray<WriteOutcome>, ConnectorError>
}

export interface CheckResult {
  readonly ok: true
  /** What the vendor says about itself: shop name, server version, database. */
  readonly detail: string
}

export type ConnectorCategory = "erp" | "shop" | "marketplace" | "crm" | "pim" | "files"

/** Values every system shares, used by mappings: the locale its texts are in, its currency, channel. */
export interface SystemDefaults {
  readonly locale: string
  readonly currency: string
  /** The sales channel name orders from this system carry. */
  readonly channel: string
  /** The price list this system's single price maps to. */
  readonly priceList: string
}

/**
 * A connector: what a vendor system is and how to talk to it, declared, not subclassed.
 * What varies per vendor lives here as data; paging, auth, retries and rate limits are core's.
 */
export interface ConnectorDefinition<Config, ConfigInput> {
  /** Registry name: `shopify`, `odoo`. */
  readonly name: string
  readonly displayName: string
  readonly category: ConnectorCategory
  /** The vendor API version this connector speaks. */
  readonly apiVersion: string
  readonly docsUrl: string
  /** Decodes and validates the user's config (after env() values are resolved). */
  readonly config: Schema.Schema<Config, ConfigInput>
  /** HTTP client settings: base URL, auth, rate limiter. Core builds the client. */
  readonly http: (config: Config) => Omit<HttpClientOptions, "system">
  readonly defaults: (config: Config) => SystemDefaults
  /**
   * Lookup tables this system's mappings consult (`mappingContext(...).lookup(table, key)`),
   * built from its config: location codes ⇄ vendor locations, shop settings. The user's
   * `lookups` in esl.config.ts are merged over them.
   */
  readonly lookupTables?: (config: Config) => Readonly<Record<string, Readonly<Record<string, string>>>>
  /** Verifies credentials and reachability with one cheap call. */
  readonly check: (ctx: ConnectorContext<Config>) => Effect.Effect<CheckResult, ConnectorError>
  // biome-ignore lint/suspicious/noExplicitAny: each stream has its own raw record type; callers narrow through the mapping.
  readonly streams: Readonly<Record<string, StreamDefinition<Config, any>>>
  // biome-ignore lint/suspicious/noExplicitAny: each sink has its own payload type; the mapping's encode side fixes it.
  readonly sinks: Readonly<Record<string, SinkDefinition<Config, any>>>
  readonly webhooks?: WebhookDefinition<Config>
  /** The port `esl init` points this connector's baseUrl at, for `esl sandbox`. */
  readonly sandboxPort: number
  readonly sandbox: (options?: SandboxOptions) => Sandbox
}

/** A connector with its factory's input: what `esl.config.ts` puts under `systems`. */
export interface SystemDeclaration<Config = unknown, ConfigInput = unknown> {
  readonly _tag: "SystemDeclaration"
  readonly connector: ConnectorDefinition<Config, ConfigInput>
  readonly input: Configurable<ConfigInput>
}

/**
 * Declares a connector. Returns it unchanged but typed, so a connector file reads as a
 * declaration and its config, streams and sinks are checked against each other.
 */
export const defineConnector = <Config, ConfigInput>(
  definition: ConnectorDefinition<Config, ConfigInput>,
): ConnectorDefinition<Config, ConfigInput> => definition

/** Declares a stream; generic over its raw record type so `idOf`/`positionOf` are checked. */
export const defineStream = <Config, Raw>(definition: StreamDefinition<Config, Raw>): StreamDefinition<Config, Raw> =>
  definition

/** Declares a sink; generic over its vendor payload type. */
export const defineSink = <Config, Payload>(
  definition: SinkDefinition<Config, Payload>,
): SinkDefinition<Config, Payload> => definition

/** Builds the factory users call in `esl.config.ts`: `shopify({ shop, accessToken, baseUrl })`. */
export const systemFactory =
  <Config, ConfigInput>(connector: ConnectorDefinition<Config, ConfigInput>) =>
  (input: Configurable<ConfigInput>): SystemDeclaration<Config, ConfigInput> => ({
    _tag: "SystemDeclaration",
    connector,
    input,
  })
