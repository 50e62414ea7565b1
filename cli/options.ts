import { Options } from "@effect/cli"

export const configOption = Options.file("config").pipe(
  Options.withAlias("c"),
  Options.withDefault("esl.config.ts"),
  Options.withDescription("the esl config file"),
)
export const jsonOption = Options.boolean("json").pipe(Options.withDescription("print one JSON document on stdout"))
