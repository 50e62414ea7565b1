#!/usr/bin/env node
// Runs a TypeScript entry point of this package (benchmarks, scripts) with tsx's loader.
import { resolve } from "node:path"
import { pathToFileURL } from "node:url"
import { register } from "tsx/esm/api"

const [entry, ...rest] = process.argv.slice(2)
if (!entry) {
  console.error("usage: run-ts <file.ts> [args…]")
  process.exit(2)
}
process.argv = [process.argv[0] ?? "node", entry, ...rest]
register()
await import(pathToFileURL(resolve(entry)).href)
