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

/** A config input where any value may instead come from the environment. */
export type Configurable<T> = { readonly [K in keyof T]: T[K] | EnvRef }
