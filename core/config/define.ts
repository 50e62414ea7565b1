import type { SystemDeclaration } from "../connector/index.ts"
import type { OwnershipRules } from "../hub/index.ts"
import type { SystemMappings } from "../mapping/index.ts"
import type { Canonical, EntityName } from "../model/index.ts"

/** Read a vendor stream into the hub. */
export interface InboundFlowConfig<SystemName extends string = string> {
  readonly from: SystemName
  /** A stream the connector declares (`esl connectors` lists them). */
  readonly stream: string
  /** Records per page (default: the stream's). */
  readonly pageSize?: number
  /** Cron expression for `esl daemon` (e.g. every 15 minutes: `*\/15 * * * *`). */
  readonly schedule?: string
}

/** Write hub changes of an entity to a vendor sink. */
export interface OutboundFlowConfig<SystemName extends string = string, E extends EntityName = EntityName> {
  readonly to: SystemName
  /** A sink the connector declares. */
  readonly sink: string
  /** Only records for which this is true are sent; the rest count as skipped. */
  readonly filter?: (record: Canonical<E>) => boolean
  /** Changes read from the hub per batch (default 500); writes go in the sink's largest batches. */
  readonly pageSize?: number
  readonly schedule?: string
}

export type FlowConfig<SystemName extends string = string> =
  | InboundFlowConfig<SystemName>
  | OutboundFlowConfig<SystemName>

export const isInbound = (flow: FlowConfig): flow is InboundFlowConfig => "from" in flow

/** Where esl keeps its state. Default: SQLite at `.esl/state.db`. */
export type StateConfig =
  | { readonly kind: "sqlite"; readonly file?: string }
  | { readonly kind: "postgres"; readonly url: string; readonly schema?: string }

/**
 * PostgreSQL state, for production and several workers. Without a `state` setting, esl uses
 * PostgreSQL whenever `DATABASE_URL` is set.
 */
export const postgres = (url: string, options: { readonly schema?: string } = {}): StateConfig =>
  options.schema === undefined ? { kind: "postgres", url } : { kind: "postgres", url, schema: options.schema }

/** How jobs run. Default: in this process. */
export type QueueConfig = { readonly kind: "in-process" } | { readonly kind: "bullmq"; readonly url: string }

/** The embedded SQLite store, at `file` (default `.esl/state.db` next to the config). */
export const sqlite = (file?: string): StateConfig =>
  file === undefined ? { kind: "sqlite" } : { kind: "sqlite", file }

export interface EslConfig<
  Systems extends Readonly<Record<string, SystemDeclaration>> = Readonly<Record<string, SystemDeclaration>>,
> {
  /** The systems esl talks to, each made by its connector's factory: `{ erp: odoo({...}), shop: shopify({...}) }`. */
  readonly systems: Systems
  /** Flows run in the order written here by `esl sync`. */
  readonly flows: Readonly<Record<string, FlowConfig<Extract<keyof Systems, string>>>>
  /** Which system owns which field: `{ product: { description: "pim", "*": "erp" } }`. */
  readonly ownership?: OwnershipRules
  /** Lookup tables mappings may consult, per system: `{ shop: { location: { WH: "gid://…" } } }`. */
  readonly lookups?: Readonly<
    Partial<Record<Extract<keyof Systems, string>, Readonly<Record<string, Readonly<Record<string, string>>>>>>
  >
  /** Mapping overrides per system; the connector's default mappings fill the rest. */
  readonly mappings?: Readonly<Partial<Record<Extract<keyof Systems, string>, SystemMappings>>>
  readonly state?: StateConfig
  readonly queue?: QueueConfig
}

/**
 * Declares an esl configuration. Typed end to end: a flow naming a system that is not declared
 * does not compile.
 *
 * @example
 * export default defineConfig({
 *   systems: { erp: odoo({ baseUrl: "https://erp.example.com", apiKey: env("ODOO_API_KEY") }) },
 *   flows: { "erp-products": { from: "erp", stream: "products" } },
 * })
 */
// biome-ignore lint/suspicious/noExplicitAny: each system keeps its own connector's config types.
export const defineConfig = <const Systems extends Readonly<Record<string, SystemDeclaration<any, any>>>>(
  config: EslConfig<Systems>,
): EslConfig<Systems> => config
