import { Command } from "@effect/cli"
import { Effect } from "effect"
import { connectors } from "../app.ts"
import { jsonOption } from "../options.ts"
import { printJson } from "../output.ts"

const describe = () =>
  Object.values(connectors).map((c) => ({
    name: c.name,
    displayName: c.displayName,
    category: c.category,
    apiVersion: c.apiVersion,
    docs: c.docsUrl,
    sandboxPort: c.sandboxPort,
    webhooks: c.webhooks !== undefined,
    streams: Object.fromEntries(
      Object.entries(c.streams).map(([name, s]) => [
        name,
        { entity: s.entity, incremental: s.incremental, description: s.description },
      ]),
    ),
    sinks: Object.fromEntries(
      Object.entries(c.sinks).map(([name, s]) => [
        name,
        { entity: s.entity, maxBatchSize: s.maxBatchSize, operations: s.operations, description: s.description },
      ]),
    ),
  }))

export const connectorsCommand = Command.make("connectors", { json: jsonOption }, (o) =>
  Effect.sync(() => {
    const list = describe()
    if (o.json) return printJson({ connectors: list })
    for (const c of list) {
      process.stdout.write(
        `${c.name} — ${c.displayName} (${c.category}, API ${c.apiVersion}; sandbox port ${c.sandboxPort}${c.webhooks ? "; webhooks" : ""})\n`,
      )
      for (const [name, s] of Object.entries(c.streams)) {
        process.stdout.write(
          `  read  ${name.padEnd(16)} → ${s.entity.padEnd(10)} ${s.incremental ? "incremental" : "full"}  ${s.description}\n`,
        )
      }
      for (const [name, s] of Object.entries(c.sinks)) {
        process.stdout.write(
          `  write ${name.padEnd(16)} ← ${s.entity.padEnd(10)} ≤${s.maxBatchSize}/batch  ${s.description}\n`,
        )
      }
    }
  }),
).pipe(Command.withDescription("list the connectors, their streams and sinks"))
