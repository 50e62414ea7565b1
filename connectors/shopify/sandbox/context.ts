/** What every sandbox resolver gets, and the paging arguments of a connection field. */
import type { GraphQLResolveInfo } from "graphql"
import type { PageArgs } from "./connection.ts"
import { type Args, booleanArg, numberArg, stringArg } from "./lookup.ts"
import type { ShopifySandboxState } from "./state.ts"

export interface SandboxContext {
  readonly state: ShopifySandboxState
  readonly now: Date
}

export type Resolver = (source: unknown, args: Args, ctx: SandboxContext, info: GraphQLResolveInfo) => unknown

export const pageArgs = (args: Args): PageArgs => ({
  first: numberArg(args, "first") ?? null,
  after: stringArg(args, "after") ?? null,
  last: numberArg(args, "last") ?? null,
  before: stringArg(args, "before") ?? null,
  reverse: booleanArg(args, "reverse") ?? null,
})
