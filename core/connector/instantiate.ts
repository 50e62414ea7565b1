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

const isPlainObject = (value: unknown): value is Readonly<Record<string, unknown>> =>
  typeof value === "object" && value !== null && Object.getPrototypeOf(value) === Object.prototype

/**
 * Replaces every `env("NAME")` in a system's input, at any depth (an SFTP password inside
 * `location`, a token inside a list), with the variable's value, or fails naming it and its
 * config path. Also returns the values that came from the environment: secrets until proven
 * otherwise, so messages quoting them get redacted.
 */
export const resolveEnvRefs = (
  system: string,
  input: Readonly<Record<string, unknown>>,
  environment: Readonly<Record<string, string | undefined>>,
): Effect.Effect<{ readonly input: Record<string, unknown>; readonly fromEnv: ReadonlyArray<string> }, ConfigError> =>
  Effect.gen(function* () {
    const fromEnv: Array<string> = []
    const resolve = (value: unknown, path: string): Effect.Effect<unknown, ConfigError> =>
      Effect.gen(function* () {
        if (isEnvRef(value)) {
          const resolved = environment[value.name] ?? value.fallback
          if (resolved === undefined || resolved === "") {
            return yield* new ConfigError({
              path,
              detail: `environment variable ${value.name} is not set`,
              hint: `Export ${value.name} before running esl (e.g. \`export ${value.name}=…\`), or put it in your CI secrets`,
            })
          }
          fromEnv.push(resolved)
          return resolved
        }
        if (Array.isArray(value)) {
          return yield* Effect.forEach(value, (item, index) => resolve(item, `${path}[${index}]`))
        }
        if (isPlainObject(value)) {
          const out: Record<string, unknown> = {}
          for (const [key, nested] of Object.entries(value)) out[key] = yield* resolve(nested, `${path}.${key}`)
          return out
        }
        return value
      })
    const resolved = (yield* resolve(input, `systems.${system}`)) as Record<string, unknown>
    return { input: resolved, fromEnv }
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
    const { input, fromEnv } = yield* resolveEnvRefs(
      name,
      declaration.input as Readonly<Record<string, unknown>>,
      environment,
    )
    // Values that came from env() are secrets until proven otherwise: a schema message quoting
    // the rejected value ("actual \"sk_live_…\"") must not print them.
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
