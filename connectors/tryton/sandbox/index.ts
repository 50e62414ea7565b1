/**
 * An offline Tryton 6.0: its JSON-RPC endpoint over an in-memory ORM that keeps the models the
 * connector reads and writes, computes what trytond computes for them (variant codes, stock
 * quantities per location, sale totals) and runs the sale and shipment workflows. Seeded like a
 * database `scripts/peers/tryton.sh` initialised, plus Alpenglow Outfitters' data (seed.ts).
 *
 * @example
 * const sandbox = trytonSandbox()
 * const server = setupServer(...sandbox.handlers)
 */
import type { Sandbox, SandboxOptions } from "../../../core/connector/sandbox.ts"
import { rpcHandlers } from "./rpc.ts"
import { loadSeed } from "./seed.ts"
import type { TrytonSandboxState } from "./state.ts"
import { Store } from "./store.ts"
import { wireDateTime } from "./values.ts"
import { compute, defaults } from "./workflow.ts"

export type { TrytonSandboxState } from "./state.ts"
export { Store } from "./store.ts"

/** The database the sandbox serves. */
export const SANDBOX_DATABASE = "esl"
/** The login and password it accepts (those `scripts/peers/tryton.sh` sets up). */
export const SANDBOX_LOGIN = "admin"
export const SANDBOX_PASSWORD = "admin"

/** The sandbox `esl sandbox tryton` serves and tests put behind msw. Tryton has no rate limit, so neither has this. */
export const trytonSandbox = (options: SandboxOptions = {}): Sandbox<TrytonSandboxState> => {
  const store = new Store()
  store.compute = compute
  store.defaults = defaults(store)
  let last = 0
  let sessionCounter = 0
  const setClock = (date: Date) => {
    // Microseconds as an integer count, strictly increasing from call to call.
    const micros = Math.max(date.getTime() * 1000, last + 1)
    last = micros
    store.now = wireDateTime(new Date(Math.floor(micros / 1000)), micros % 1000)
  }
  const state: TrytonSandboxState = {
    store,
    database: SANDBOX_DATABASE,
    login: SANDBOX_LOGIN,
    password: SANDBOX_PASSWORD,
    version: "6.0.29",
    sessions: new Map(),
    calls: [],
    newSessionKey: () => {
      sessionCounter += 1
      return `${sessionCounter.toString(16).padStart(8, "0")}${"5e55104".repeat(8)}`
    },
    tick: () => setClock(new Date()),
    preferences: () => {
      const user = store.row("res.user", 1)
      const company = typeof user?.company === "number" ? user.company : null
      const party =
        company === null ? undefined : store.row("party.party", Number(store.row("company.company", company)?.party))
      return {
        company_filter: "one",
        company,
        ...(party === undefined ? {} : { "company.rec_name": party.name }),
        language: "en",
        language_direction: "ltr",
        groups: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13],
      }
    },
  }
  const reset = () => {
    store.clear()
    state.sessions.clear()
    state.calls.length = 0
    last = 0
    if (options.seed !== false) loadSeed(store, setClock)
    else {
      setClock(new Date("2026-11-02T08:00:00Z"))
      store.create("res.user", [{ login: SANDBOX_LOGIN }])
    }
  }
  reset()
  return { connector: "tryton", handlers: rpcHandlers(state), state, reset }
}
