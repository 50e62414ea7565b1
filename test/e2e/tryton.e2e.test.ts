/**
 * The tryton connector against a REAL Tryton 6.0 (scripts/peers/tryton.sh), no mock in
 * between. Reads TRYTON_URL, TRYTON_DB, TRYTON_USER, TRYTON_PASSWORD (`scripts/peers/tryton.sh
 * env` prints them; the e2e global setup sets them). Without TRYTON_URL the suite skips, unless
 * ESL_REQUIRE_SERVICES=1, where it fails. The scenario is the sandbox's fidelity test's too.
 */
import { describe, it } from "vitest"
import { trytonScenario } from "../../connectors/tryton/scenario.ts"
import { configFromEnv } from "../../connectors/tryton/testing.ts"

const config = configFromEnv()

if (config === undefined && process.env.ESL_REQUIRE_SERVICES === "1") {
  describe("tryton connector against a real Tryton", () => {
    it("needs a running Tryton: TRYTON_URL is not set and ESL_REQUIRE_SERVICES=1", () => {
      throw new Error(
        'TRYTON_URL is not set: run scripts/peers/tryton.sh start, then eval "$(scripts/peers/tryton.sh env)"',
      )
    })
  })
} else if (config === undefined) {
  describe.skip("tryton connector against a real Tryton (skipped: TRYTON_URL is not set; scripts/peers/tryton.sh start)", () => {
    it("runs the scenario", () => {})
  })
} else {
  describe("tryton connector against a real Tryton", () => trytonScenario(() => config))
}
