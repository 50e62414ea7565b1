/**
 * A full garbage collection, between timed runs: what one implementation left behind (200,000
 * payloads in the mapping benchmark) is then not collected on the next one's time.
 *
 * `global.gc` exists only under `--expose-gc`; the flag is set at run time and `gc` taken from a
 * fresh context, so `npx tsx bench/…` needs no node flags.
 */
import { setFlagsFromString } from "node:v8"
import { runInNewContext } from "node:vm"

const gc: () => void = (() => {
  const exposed = (globalThis as { gc?: () => void }).gc
  if (exposed !== undefined) return exposed
  setFlagsFromString("--expose-gc")
  return runInNewContext("gc") as () => void
})()

export const collectGarbage = (): void => gc()
