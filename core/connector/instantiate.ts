import { Effect, ParseResult, Schema } from "effect"
import { makeHttpClient, makeRedactor, type RateLimiter } from "../http/index.ts"
import { toJsonPathFromKeys } from "./configPath.ts"
import type { ConnectorContext, ConnectorDefinition, SystemDeclaration, SystemDefaults } from "./define.ts"
import { isEnvRef } from "./env.ts"
import { ConfigError } from "./errors.ts"

/** A configured system, ready to read and write: what the sync engine and CLI work with. */
export interface SystemInstance<Config = unknown> {
  readonly name: string
  readonly connector: ConnectorDefinition<Config, unknown>
  readonly config: Config
  readonly context: ConnectorContext<Config>
  readonly defaults: SystemDefaults
}

/** Replaces every `env("NAME")` in a system's input with the variable's value, or fails naming it. */
export const resolveEnvRefs = (
  system: string,
  input: Readonly<Record<string, unknown>>,
  environment: Readonly<Record<string, string | undefined>>,
): Effect.Effect<Record<string, unknown>, ConfigError> =>
  Effect.gen(function* () {
    const out: Record<string, unknown> = {}
    for (const [key, value] of Object.entries(input)) {
      if (!isEnvRef(value)) {
        out[key] = value
        continue
      }
      const resolved = environment[value.name] ?? value.fallback
      if (resolved === undefined || resolved === "") {
        return yield* new ConfigError({
          path: `systems.${system}.${key}`,
          detail: `environment variable ${value.name} is not set`,
          hint: `Export ${value.name} before running esl (e.g. \`export ${value.name}=…\`), or put it in your CI secrets`,
        })
      }
      out[key] = resolved
    }
    return out
  })

/** How a runtime adjusts the systems it builds. */
export interface InstantiateOptions {
  /**
   * Replaces the connector's rate limiter (e.g. with one shared by every worker through Redis);
   * gets the connector's own limiter (undefined: none) and returns the one to use.
   */
  readonly rateLimiter?: (system: string, local: RateLimiter | undefined, operation?: string) => RateLimiter
}

const operationLimitersOf = (
  system: string,
  limiters: Readonly<Record<string, RateLimiter>>,
  replace: NonNullable<InstantiateOptions["rateLimiter"]>,
): Record<string, RateLimiter> =>
  Object.fromEntries(
    Object.entries(limiters).map(([operation, local]) => [operation, replace(system, local, operation)]),
  )

/** Builds a system from its declaration: resolves env() values, decodes the config, builds the HTTP client. */
export const instantiateSystem = <Config, ConfigInput>(
  name: string,
  declaration: SystemDeclaration<Config, ConfigInput>,
  environment: Readonly<Record<string, string | undefined>> = process.env,
  options: InstantiateOptions = {},
): Effect.Effect<SystemInstance<Config>, ConfigError> =>
  Effect.gen(function* () {
    const connector = declaration.connector
    const input = yield* resolveEnvRefs(name, declaration.input as Readonly<Record<string, unknown>>, environment)
    // Values that came from env() are secrets until proven otherwise: a schema message quoting
    // the rejected value ("actual \"sk_live_…\"") must not print them.
    const fromEnv = Object.entries(declaration.input as Readonly<Record<string, unknown>>).flatMap(([key, value]) =>
      isEnvRef(value) && typeof input[key] === "string" ? [input[key] as string] : [],
    )
    const redactor = makeRedactor(fromEnv)
    const config = yield* Schema.decodeUnknown(connector.config, { errors: "all", onExcessProperty: "error" })(
      input,
    ).pipe(
      Effect.mapError((error) => {
        const [first] = ParseResult.ArrayFormatter.formatErrorSync(error)
        return new ConfigError({
          path: `systems.${name}${first ? toJsonPathFromKeys(first.path) : ""}`,
          detail: redactor.string(first?.message ?? String(error)),
          hint: `See ${connector.docsUrl} and \`esl connectors\` for ${connector.name}'s options`,
        })
      }),
    )
    const httpOptions = connector.http(config)
    const http = makeHttpClient({
      system: name,
      ...httpOptions,
      ...(options.rateLimiter ? { rateLimiter: options.rateLimiter(name, httpOptions.rateLimiter) } : {}),
      // Per-operation budgets (Amazon SP-API usage plans) are replaced one by one, each under its operation's name.
      ...(options.rateLimiter && httpOptions.rateLimiters
        ? { rateLimiters: operationLimitersOf(name, httpOptions.rateLimiters, options.rateLimiter) }
        : {}),
    })
    return {
      name,
      connector: connector as unknown as ConnectorDefinition<Config, unknown>,
      config,
      context: { system: name, config, http },
      defaults: connector.defaults(config),
    }
  })
