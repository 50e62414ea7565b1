/**
 * The tryton connector against a REAL Tryton 6.0 (scripts/peers/tryton.sh), no mock in
 * between. Reads TRYTON_URL, TRYTON_DB, TRYTON_USER, TRYTON_PASSWORD (`scripts/peers/tryton.sh
 * env` prints them; the e2e global setup sets them). Without TRYTON_URL the suite skips, unless
 * ESL_REQUIRE_SERVICES=1, where it fails. The scenario is the sandbox's fidelity test's too.
 */
import { trytonScenario } from "../../connectors/tryton/scenario.ts"
import { configFromEnv } from "../../connectors/tryton/testing.ts"
import { describeWithPeers } from "../support/services.ts"

const config = configFromEnv()

describeWithPeers(
  "tryton connector against a real Tryton",
  { TRYTON_URL: config !== undefined },
  'scripts/peers/tryton.sh start, then eval "$(scripts/peers/tryton.sh env)"',
  () => {
    if (config !== undefined) trytonScenario(() => config)
  },
)
