/**
 * A reference to an environment variable, resolved when esl starts. Configs hold these instead
 * of secrets, so an `esl.config.ts` can be committed.
 *
 * @example shopify({ shop: "acme", accessToken: env("SHOPIFY_TOKEN") })
 */
export interface EnvRef {
  readonly _tag: "EnvRef"
  readonly name: string
  readonly fallback?: string
}

/** Reads `name` from the environment at start; a missing variable is a clear start-up error. */
export const env = (name: string, fallback?: string): EnvRef =>
  fallback === undefined ? { _tag: "EnvRef", name } : { _tag: "EnvRef", name, fallback }

export const isEnvRef = (value: unknown): value is EnvRef =>
  typeof value === "object" && value !== null && (value as { _tag?: unknown })._tag === "EnvRef"

/** A config value that may instead come from the environment, at any depth. */
export type ConfigurableValue<T> =
  | T
  | EnvRef
  | (T extends ReadonlyArray<infer U>
      ? ReadonlyArray<ConfigurableValue<U>>
      : T extends Readonly<Record<string, unknown>>
        ? { readonly [K in keyof T]: ConfigurableValue<T[K]> }
        : never)

/** A config input where any value, nested ones too, may instead come from the environment. */
export type Configurable<T> = { readonly [K in keyof T]: ConfigurableValue<T[K]> }
