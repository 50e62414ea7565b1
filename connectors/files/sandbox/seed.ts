/**
 * The sandbox's directory: `inbox/` with one export of each feed (the shared catalogue's SKUs,
 * stock at WH and BER), empty `processed/` and `outbox/`. The files carry the time the ERP
 * wrote them (2026-11-02 06:00 in Berlin), so positions are the same on every run.
 */
import { copyFileSync, mkdirSync, readdirSync, rmSync, utimesSync } from "node:fs"
import { join } from "node:path"

const FIXTURES = join(import.meta.dirname, "../fixtures")

/** The seed files' modification time. */
export const SEED_EXPORTED_AT = new Date("2026-11-02T05:00:00Z")

/** The seed files, by feed. */
export const SEED_FILES = {
  products: "artikel-20261102-0600.csv",
  prices: "preise-20261102-0600.csv",
  stock: "bestand-20261102-0600.jsonl",
} as const

/** Empties `root` and lays out the folders, with the seed files in `inbox/` when `seed`. */
export const seedDirectory = (root: string, seed: boolean): void => {
  for (const entry of readdirSync(root)) rmSync(join(root, entry), { recursive: true, force: true })
  for (const folder of ["inbox", "processed", "outbox"]) mkdirSync(join(root, folder), { recursive: true })
  if (!seed) return
  for (const name of Object.values(SEED_FILES)) {
    const target = join(root, "inbox", name)
    copyFileSync(join(FIXTURES, name), target)
    utimesSync(target, SEED_EXPORTED_AT, SEED_EXPORTED_AT)
  }
}
