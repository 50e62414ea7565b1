/**
 * Brings up the real peers for `npm run test:e2e`: installs Tryton (Debian packages) and Vendure
 * (npm, into `.peers/`), starts both on 127.0.0.1 from a fresh database, and stops them after.
 *
 * A peer already running elsewhere is used as is when its URL is given (`TRYTON_URL`,
 * `VENDURE_URL`). When a peer cannot be brought up, its tests skip with the reason, unless
 * `ESL_REQUIRE_SERVICES=1` (CI), where the suite fails here instead.
 */
import { spawn } from "node:child_process"
import { mkdirSync, openSync } from "node:fs"
import { fileURLToPath } from "node:url"

const REPO = fileURLToPath(new URL("../..", import.meta.url))
const PEERS_DIR = `${REPO}.peers/e2e`

interface Peer {
  readonly name: "tryton" | "vendure"
  readonly script: string
  /** Where its tests look for it; set beforehand, it names a server that is already running. */
  readonly urlVariable: "TRYTON_URL" | "VENDURE_URL"
  readonly port: string
  /** The env its script and tests read, when it runs here. */
  readonly env: Readonly<Record<string, string>>
}

const trytonPort = process.env.ESL_E2E_TRYTON_PORT ?? "8100"
const vendurePort = process.env.ESL_E2E_VENDURE_PORT ?? "3100"

const PEERS: ReadonlyArray<Peer> = [
  {
    name: "tryton",
    script: "scripts/peers/tryton.sh",
    urlVariable: "TRYTON_URL",
    port: trytonPort,
    env: { TRYTON_DIR: `${PEERS_DIR}/tryton`, TRYTON_PORT: trytonPort, TRYTON_DB: "esl", TRYTON_PASSWORD: "admin" },
  },
  {
    name: "vendure",
    script: "scripts/peers/vendure.sh",
    urlVariable: "VENDURE_URL",
    port: vendurePort,
    env: { VENDURE_DIR: `${PEERS_DIR}/vendure`, VENDURE_PORT: vendurePort },
  },
]

/** Runs one step of a peer's script, its output appended to `.peers/e2e/<peer>.log`. */
const step = (peer: Peer, command: string): Promise<void> =>
  new Promise((resolve, reject) => {
    const log = openSync(`${PEERS_DIR}/${peer.name}.log`, "a")
    const started = Date.now()
    const child = spawn("bash", [peer.script, command], {
      cwd: REPO,
      env: { ...process.env, ...peer.env },
      stdio: ["ignore", log, log],
    })
    child.on("error", reject)
    child.on("close", (code) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(1)
      if (code === 0) {
        console.log(`e2e: ${peer.name} ${command} done in ${seconds} s`)
        resolve()
      } else {
        reject(
          new Error(
            `${peer.script} ${command} exited with ${code} after ${seconds} s; see .peers/e2e/${peer.name}.log`,
          ),
        )
      }
    })
  })

const started: Peer[] = []

export async function setup() {
  mkdirSync(PEERS_DIR, { recursive: true })
  const required = process.env.ESL_REQUIRE_SERVICES === "1"
  const outcomes = await Promise.allSettled(
    PEERS.map(async (peer) => {
      const given = process.env[peer.urlVariable]
      if (given !== undefined && given !== "") return
      await step(peer, "install")
      await step(peer, "start")
      started.push(peer)
      for (const [key, value] of Object.entries(peer.env)) process.env[key] = value
      process.env[peer.urlVariable] = `http://127.0.0.1:${peer.port}`
    }),
  )
  const failures = outcomes.flatMap((o) => (o.status === "rejected" ? [String(o.reason)] : []))
  if (failures.length === 0) return
  if (required) throw new Error(`e2e peers did not come up (ESL_REQUIRE_SERVICES=1):\n${failures.join("\n")}`)
  for (const failure of failures) console.warn(`e2e: ${failure}; its tests will skip`)
}

export async function teardown() {
  await Promise.allSettled(started.map((peer) => step(peer, "stop")))
}
