/** What every sandbox resolver gets, and the argument helpers they share. */
import { GraphQLError, type GraphQLResolveInfo } from "graphql"
import type { VendureSandboxState } from "./state.ts"

export interface SandboxContext {
  readonly state: VendureSandboxState
  readonly now: Date
  /** Set by `login`: the token the answer carries in its `vendure-auth-token` header. */
  issuedToken?: string
}

export type Args = Readonly<Record<string, unknown>>

export type Resolver = (source: unknown, args: Args, ctx: SandboxContext, info: GraphQLResolveInfo) => unknown

export const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v)

/** Vendure's `EntityNotFoundError`, as it answers it. */
export const entityNotFound = (entityName: string, id: unknown): GraphQLError =>
  new GraphQLError(`No ${entityName} with the id "${String(id)}" could be found`, {
    extensions: { code: "ENTITY_NOT_FOUND" },
  })

/** Vendure's `UserInputError`, as it answers it. */
export const userInputError = (message: string): GraphQLError =>
  new GraphQLError(message, { extensions: { code: "USER_INPUT_ERROR" } })

/** A timestamp as Vendure answers it. */
export const timestamp = (now: Date): string => now.toISOString()

/** The `translations` entry for the channel's language, else the first one. */
export const translationFor = (translations: unknown, languageCode: string): Record<string, unknown> | undefined => {
  if (!Array.isArray(translations)) return undefined
  const entries = translations.filter(isRecord)
  return entries.find((t) => t.languageCode === languageCode) ?? entries[0]
}
