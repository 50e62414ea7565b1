/**
 * The sandbox answers the e2e scenario as the real Tryton 6.0 did (test/e2e/tryton.e2e.test.ts
 * runs the same scenario against a real server): the same calls, the same outcomes.
 */
import { setupServer } from "msw/node"
import { afterAll, beforeAll, describe } from "vitest"
import { trytonScenario } from "../scenario.ts"
import { sandboxConfig } from "../testing.ts"
import { trytonSandbox } from "./index.ts"

const server = setupServer(...trytonSandbox().handlers)
beforeAll(() => server.listen({ onUnhandledRequest: "error" }))
afterAll(() => server.close())

describe("tryton sandbox against the e2e scenario", () => trytonScenario(() => sandboxConfig()))
