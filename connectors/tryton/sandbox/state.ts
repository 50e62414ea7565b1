/** What a Tryton sandbox holds: its records, sessions, the login it accepts, and the calls it served. */
import type { Store } from "./store.ts"

export interface TrytonSandboxState {
  readonly store: Store
  readonly database: string
  readonly login: string
  readonly password: string
  /** The server version `common.server.version` answers. */
  readonly version: string
  /** Open sessions by key. */
  readonly sessions: Map<string, { readonly login: string; readonly userId: number }>
  /** `model.method` of every model call served, in order. */
  readonly calls: Array<string>
  /** A new session key. */
  readonly newSessionKey: () => string
  /** Starts a call: moves the transaction time on (at least one microsecond). */
  readonly tick: () => void
  /** What `res.user.get_preferences(true)` answers. */
  readonly preferences: () => Record<string, unknown>
}
