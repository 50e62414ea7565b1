import { Args, Command, Options } from "@effect/cli"
import { Effect, Option } from "effect"
import { serveSandbox } from "../../core/connector/index.ts"
import { connectors } from "../app.ts"
import { CliFailure } from "./failure.ts"

const untilStopped = Effect.async<void>((resume) => {
  const stop = () => resume(Effect.void)
  process.once("SIGINT", stop)
  process.once("SIGTERM", stop)
})

/** Every connector's sandbox on its default port: the landscape `esl init --landscape` points at. */
const serveEverySandbox = (rateLimits: boolean) =>
  Effect.gen(function* () {
    const running = yield* Effect.forEach(Object.values(connectors), (connector) =>
      Effect.acquireRelease(
        Effect.tryPromise({
          try: () => serveSandbox(connector.sandbox({ rateLimits }), { port: connector.sandboxPort }),
          catch: (e) =>
            new CliFailure({
              message: `Cannot serve the ${connector.name} sandbox on 127.0.0.1:${connector.sandboxPort}: ${e instanceof Error ? e.message : String(e)}`,
            }),
        }).pipe(Effect.map((served) => ({ connector, served }))),
        ({ served }) => Effect.promise(() => served.close()),
      ),
    )
    for (const { connector, served } of running) {
      process.stdout.write(`${connector.displayName.padEnd(28)} ${served.url}\n`)
    }
    process.stdout.write("Every sandbox is listening (Ctrl-C to stop)\n")
    yield* untilStopped
  }).pipe(Effect.scoped)

export const sandboxCommand = Command.make(
  "sandbox",
  {
    connector: Args.text({ name: "connector" }).pipe(
      Args.withDescription("a connector name, or `all` for every sandbox on its default port"),
    ),
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
      if (o.connector === "all") return yield* serveEverySandbox(!o.noRateLimits)
      const connector = connectors[o.connector]
      if (!connector) {
        return yield* new CliFailure({
          message: `Unknown connector "${o.connector}"; connectors: ${Object.keys(connectors).join(", ")}`,
        })
      }
      const port = Option.getOrElse(o.port, () => connector.sandboxPort)
      const sandbox = connector.sandbox({ rateLimits: !o.noRateLimits })
      const running = yield* Effect.acquireRelease(
        Effect.tryPromise({
          try: () => serveSandbox(sandbox, { port }),
          catch: (e) =>
            new CliFailure({
              message: `Cannot listen on 127.0.0.1:${port}: ${e instanceof Error ? e.message : String(e)}`,
            }),
        }),
        (served) => Effect.promise(() => served.close()),
      )
      process.stdout.write(`${connector.displayName} sandbox listening on ${running.url} (Ctrl-C to stop)\n`)
      yield* untilStopped
    }).pipe(Effect.scoped),
).pipe(
  Command.withDescription(
    "serve a connector's sandbox on 127.0.0.1: HTTP, or the vendor's own protocol (SFTP for files)",
  ),
)
