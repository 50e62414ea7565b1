import { Args, Command, Options } from "@effect/cli"
import { Effect, Option } from "effect"
import { serveSandbox } from "../../core/connector/index.ts"
import { connectors } from "../app.ts"
import { CliFailure } from "./failure.ts"

export const sandboxCommand = Command.make(
  "sandbox",
  {
    connector: Args.text({ name: "connector" }),
    port: Options.integer("port").pipe(
      Options.optional,
      Options.withDescription("default: the connector's sandbox port"),
    ),
    noRateLimits: Options.boolean("no-rate-limits").pipe(
      Options.withDescription("do not enforce the vendor's rate limits"),
    ),
  },
  (o) =>
    Effect.gen(function* () {
      const connector = connectors[o.connector]
      if (!connector) {
        return yield* new CliFailure({
          message: `Unknown connector "${o.connector}"; connectors: ${Object.keys(connectors).join(", ")}`,
        })
      }
      const port = Option.getOrElse(o.port, () => connector.sandboxPort)
      const sandbox = connector.sandbox({ rateLimits: !o.noRateLimits })
      const running = yield* Effect.tryPromise({
        try: () => serveSandbox(sandbox, { port }),
        catch: (e) =>
          new CliFailure({
            message: `Cannot listen on 127.0.0.1:${port}: ${e instanceof Error ? e.message : String(e)}`,
          }),
      })
      process.stdout.write(`${connector.displayName} sandbox listening on ${running.url} (Ctrl-C to stop)\n`)
      yield* Effect.async<void>((resume) => {
        const stop = () => void running.close().then(() => resume(Effect.void))
        process.once("SIGINT", stop)
        process.once("SIGTERM", stop)
      })
    }),
).pipe(
  Command.withDescription(
    "serve a connector's sandbox on 127.0.0.1: HTTP, or the vendor's own protocol (SFTP for files)",
  ),
)
