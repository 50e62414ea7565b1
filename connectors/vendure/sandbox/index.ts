/**
 * An offline Vendure Admin API: an msw handler on `*\/admin-api` (any origin) over an in-memory
 * shop, executing requests with graphql-js against the real 3.7.3 schema.
 *
 * Supports what the connector uses, checked against the real server: `login` (token in the
 * `vendure-auth-token` header, FORBIDDEN without it), `activeChannel`; `products`, `product`,
 * `productVariants`, `orders`, `order`, `customers` with Vendure's list options; the catalog
 * mutations (products, option groups, options, variants) with Vendure's user input errors; and
 * `addFulfillmentToOrder` / `transitionFulfillmentToState` with their ErrorResults.
 */
import { HttpResponse, http } from "msw"
import type { Sandbox, SandboxOptions } from "../../../core/connector/index.ts"
import { AUTH_TOKEN_HEADER } from "../session.ts"
import { answerAdminRequest } from "./execute.ts"
import { seedState, type VendureSandboxState } from "./state.ts"

export { placeSandboxOrder } from "./placeOrder.ts"
export { SANDBOX_ADMIN, type VendureSandboxState } from "./state.ts"

/**
 * The Vendure sandbox.
 *
 * @example
 * const sandbox = vendureSandbox()
 * const server = setupServer(...sandbox.handlers)
 */
export const vendureSandbox = (options: SandboxOptions = {}): Sandbox<VendureSandboxState> => {
  const state = seedState(options.seed ?? true)
  const handlers = [
    // https://docs.vendure.io/guides/getting-started/graphql-intro/ (POST /admin-api)
    http.post("*/admin-api", async ({ request }) => {
      const body: unknown = await request.json().catch(() => undefined)
      const answer = answerAdminRequest(state, { authorization: request.headers.get("authorization"), body })
      return new HttpResponse(JSON.stringify(answer.body), {
        status: answer.status,
        headers: {
          "Content-Type": "application/json; charset=utf-8",
          ...(answer.token === undefined
            ? {}
            : { [AUTH_TOKEN_HEADER]: answer.token, "Access-Control-Expose-Headers": AUTH_TOKEN_HEADER }),
        },
      })
    }),
  ]
  return {
    connector: "vendure",
    handlers,
    state,
    reset: () => {
      Object.assign(state, seedState(options.seed ?? true))
    },
  }
}
