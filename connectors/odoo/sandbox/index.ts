/**
 * An offline Odoo 19: the External JSON-2 API, the `/jsonrpc` endpoint and `/web/version`,
 * over an in-memory ORM seeded with Alpenglow Outfitters' catalog, stock, prices, customers and
 * orders (`../fixtures/seed.ts`).
 *
 * @example
 * const sandbox = odooSandbox({ rateLimits: false })
 * const server = setupServer(...sandbox.handlers)
 */
import { HttpResponse, http } from "msw"
import type { Sandbox, SandboxOptions } from "../../../core/connector/sandbox.ts"
import { serializeException, tooManyRequests } from "./errors.ts"
import { json2Handlers } from "./json2.ts"
import { jsonrpcHandlers } from "./jsonrpc.ts"
import { odooModels } from "./models/index.ts"
import { Orm, odooNow } from "./orm.ts"
import { loadSeed } from "./seed.ts"
import type { OdooSandboxState } from "./state.ts"
import { throttle } from "./throttle.ts"

export { Orm } from "./orm.ts"
export type { OdooSandboxState } from "./state.ts"

/** The key tests authenticate the seeded integration user (uid 2) with. */
export const SANDBOX_API_KEY = "test-key"
/** The database `/jsonrpc` calls must name. */
export const SANDBOX_DATABASE = "alpenglow"
/** The login of the seeded integration user, for `common.login`. */
export const SANDBOX_LOGIN = "esl-bot@alpenglow-outfitters.de"
/** Requests per second before the sandbox answers 429 (when `rateLimits` is on). */
export const SANDBOX_REQUESTS_PER_SECOND = 25

/** Options of the Odoo sandbox. */
export interface OdooSandboxOptions extends SandboxOptions {
  /** The API keys it accepts; default any non-empty key (as `esl init`'s `sandbox-key`). */
  readonly apiKeys?: ReadonlyArray<string>
}

/**
 * The sandbox `esl sandbox odoo` serves and tests put behind msw. `rateLimits` (default on)
 * answers bursts with 429; `apiKeys` restricts the keys it takes.
 */
export const odooSandbox = (options: OdooSandboxOptions = {}): Sandbox<OdooSandboxState> => {
  const orm = new Orm(odooModels)
  const state: OdooSandboxState = {
    orm,
    database: SANDBOX_DATABASE,
    serverVersion: "19.0",
    apiKeys: new Set(options.apiKeys ?? []),
    login: SANDBOX_LOGIN,
    calls: [],
  }
  const reset = () => {
    orm.clear()
    orm.clock = odooNow
    if (options.seed !== false) loadSeed(orm)
    state.calls.length = 0
    state.apiKeys.clear()
    for (const key of options.apiKeys ?? []) state.apiKeys.add(key)
  }
  reset()

  const limiter = options.rateLimits === false ? undefined : throttle(SANDBOX_REQUESTS_PER_SECOND)
  const gate = (): Response | undefined => {
    const wait = limiter?.admit()
    return wait === undefined
      ? undefined
      : HttpResponse.json(serializeException(tooManyRequests()), {
          status: 429,
          headers: { "Retry-After": String(wait) },
        })
  }

  const version = http.get("*/web/version", () => {
    const [major = 0, minor = 0] = state.serverVersion.split(".").map(Number)
    return HttpResponse.json({ version_info: [major, minor, 0, "final", 0, ""], version: state.serverVersion })
  })

  return {
    connector: "odoo",
    handlers: [version, ...json2Handlers(state, gate), ...jsonrpcHandlers(state, gate)],
    state,
    reset,
  }
}
