/** What the sandbox holds besides its handlers: the database, the valid keys, a log of calls. */
import type { Orm } from "./orm.ts"

export interface OdooSandboxState {
  readonly orm: Orm
  /** The database name `/jsonrpc` calls must name. */
  readonly database: string
  /** What `/web/version` and `common.version` report. */
  readonly serverVersion: string
  /** API keys that authenticate (JSON-2 bearer, `/jsonrpc` password) as user 2; empty: any non-empty key. */
  readonly apiKeys: Set<string>
  /** The login of user 2, for `common.login`. */
  readonly login: string
  /** Every model method called, in order: tests count calls with it ("one batched read per page"). */
  readonly calls: Array<{ readonly protocol: "json2" | "jsonrpc"; readonly model: string; readonly method: string }>
}

/** Whether `key` authenticates: one of the sandbox's keys, or any non-empty one when it has none. */
export const acceptsKey = (state: OdooSandboxState, key: unknown): boolean =>
  typeof key === "string" && key.trim() !== "" && (state.apiKeys.size === 0 || state.apiKeys.has(key))
