import { execFileSync } from "node:child_process"
import { readFileSync } from "node:fs"
import { describe, expect, it } from "vitest"
import { ESL_OLD_SPACE_MIB, eslNodeOptions, LARGE_HEAP_MIB } from "./nodeOptions.ts"

const read = (path: string) => readFileSync(new URL(path, import.meta.url), "utf8")
const binPath = new URL("./bin.mjs", import.meta.url).pathname

describe("the esl command's node options", () => {
  const [shebang = "", execLine = ""] = read("./bin.mjs").split("\n")
  const scripts = (JSON.parse(read("../package.json")) as { scripts: Record<string, string> }).scripts

  it("are on bin.mjs's exec line and on every npm script that runs it", () => {
    expect(shebang).toBe("#!/bin/sh")
    expect(execLine).toBe(`":" //; exec node ${eslNodeOptions.join(" ")} "$0" "$@"`)
    const runners = Object.entries(scripts).filter(([, command]) => command.includes("cli/bin.mjs"))
    expect(runners.map(([name]) => name).sort()).toEqual(["demo", "esl"])
    for (const [, command] of runners) expect(command).toContain(`node ${eslNodeOptions.join(" ")} cli/bin.mjs`)
  })

  it("keep the heap under the size V8 grows fourfold", () => {
    expect(ESL_OLD_SPACE_MIB).toBeLessThan(LARGE_HEAP_MIB)
  })

  it("give node the budgeted heap", () => {
    const limit = execFileSync(process.execPath, [
      ...eslNodeOptions,
      "-e",
      "process.stdout.write(String(require('node:v8').getHeapStatistics().heap_size_limit))",
    ])
    // The limit adds the young generation to the old one.
    const mib = Number(limit.toString()) / 2 ** 20
    expect(mib).toBeGreaterThanOrEqual(ESL_OLD_SPACE_MIB)
    expect(mib).toBeLessThan(ESL_OLD_SPACE_MIB + 128)
  })

  it("run bin.mjs both as a shell script and as node's entry point", () => {
    const version = (JSON.parse(read("../package.json")) as { version: string }).version
    expect(execFileSync("/bin/sh", [binPath, "--version"]).toString()).toContain(version)
    expect(execFileSync(process.execPath, [binPath, "--version"]).toString()).toContain(version)
  })
})
