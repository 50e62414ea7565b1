import { readFileSync } from "node:fs"
import { Args, Command, Options } from "@effect/cli"
import { Effect, Option } from "effect"
import { decodeRecord, type EntityMapping, encodeRecord, mappingContext } from "../../core/mapping/index.ts"
import { type EntityName, entityNames, isEntityName } from "../../core/model/index.ts"
import { connectors, defaultMappings } from "../app.ts"
import { printJson } from "../output.ts"
import { CliFailure } from "./failure.ts"

export const mapCommand = Command.make(
  "map",
  {
    system: Args.text({ name: "connector" }),
    entity: Args.text({ name: "entity" }),
    file: Args.file({ name: "file.json", exists: "yes" }),
    reverse: Options.boolean("reverse").pipe(
      Options.withDescription("canonical → vendor (encode) instead of vendor → canonical"),
    ),
    locale: Options.text("locale").pipe(Options.withDefault("en")),
    currency: Options.text("currency").pipe(Options.withDefault("EUR")),
    channel: Options.text("channel").pipe(Options.optional),
  },
  (o) =>
    Effect.gen(function* () {
      const connector = connectors[o.system]
      const mappings = defaultMappings[o.system]
      if (!connector || !mappings) {
        return yield* new CliFailure({
          message: `Unknown connector "${o.system}"; connectors: ${Object.keys(connectors).join(", ")}`,
        })
      }
      if (!isEntityName(o.entity)) {
        return yield* new CliFailure({ message: `Unknown entity "${o.entity}"; entities: ${entityNames.join(", ")}` })
      }
      const mapping = mappings[o.entity] as EntityMapping<EntityName, unknown, unknown> | undefined
      if (!mapping) return yield* new CliFailure({ message: `${o.system} has no mapping for ${o.entity}` })
      const input = yield* Effect.try({
        try: () => JSON.parse(readFileSync(o.file, "utf8")) as unknown,
        catch: (e) =>
          new CliFailure({ message: `${o.file} is not JSON: ${e instanceof Error ? e.message : String(e)}` }),
      })
      const ctx = mappingContext(o.system, {
        locale: o.locale,
        currency: o.currency,
        channel: Option.getOrElse(o.channel, () => o.system),
        priceList: "default",
      })
      const records = Array.isArray(input) ? input : [input]
      const results = yield* Effect.forEach(records, (record, index) =>
        Effect.either(
          o.reverse
            ? encodeRecord(mapping, ctx, record as never, `#${index}`)
            : decodeRecord(mapping, ctx, record, `#${index}`),
        ),
      )
      const failures = results.flatMap((r, index) =>
        r._tag === "Left" ? [{ index, error: r.left.message, issues: r.left.issues }] : [],
      )
      const mapped = results.flatMap((r) => (r._tag === "Right" ? [r.right] : []))
      printJson(Array.isArray(input) ? { mapped, failures } : failures.length === 0 ? mapped[0] : { failures })
      if (failures.length > 0) process.exitCode = 2
    }),
).pipe(
  Command.withDescription("run a mapping on a JSON file: vendor → canonical, or canonical → vendor with --reverse"),
)
