/**
 * How the sandbox answers fields: a resolver keyed `Type.field` when there is one (queries.ts,
 * the mutations), else the stored property of the same name, with stored arrays served as
 * connections. A field the schema has but the sandbox does not store resolves to null.
 */
import type { GraphQLFieldResolver, GraphQLTypeResolver } from "graphql"
import { getNamedType, isObjectType } from "graphql"
import { gidType } from "../schemas/common.ts"
import { connectionOf } from "./connection.ts"
import { pageArgs, type Resolver, type SandboxContext } from "./context.ts"
import { isRecord } from "./lookup.ts"
import { queryResolvers } from "./queries.ts"

export type { Resolver, SandboxContext } from "./context.ts"

/** Adds mutation resolvers (`Mutation.productSet`, …) to the query ones. */
export const withMutations = (mutations: Readonly<Record<string, Resolver>>): Readonly<Record<string, Resolver>> => ({
  ...queryResolvers,
  ...Object.fromEntries(Object.entries(mutations).map(([name, resolve]) => [`Mutation.${name}`, resolve])),
})

/** Resolves by `Type.field`, else by the stored property; stored arrays become connections. */
export const fieldResolver =
  (table: Readonly<Record<string, Resolver>>): GraphQLFieldResolver<unknown, SandboxContext> =>
  (source, args, ctx, info) => {
    const resolve = table[`${info.parentType.name}.${info.fieldName}`]
    if (resolve !== undefined) return resolve(source, args, ctx, info)
    if (!isRecord(source)) return null
    const value = source[info.fieldName]
    const named = getNamedType(info.returnType)
    if (isObjectType(named) && named.name.endsWith("Connection")) {
      const list = Array.isArray(value) ? value : isRecord(value) && Array.isArray(value.nodes) ? value.nodes : []
      return connectionOf(list, pageArgs(args), (_item) => [0, BigInt(list.indexOf(_item))])
    }
    if (Array.isArray(value) && typeof args.first === "number") return value.slice(0, args.first)
    return value
  }

/** The concrete type of an interface value: stored `__typename`, else from its GID or shape. */
export const typeResolver: GraphQLTypeResolver<unknown, SandboxContext> = (value) => {
  if (!isRecord(value)) return undefined
  if (typeof value.__typename === "string") return value.__typename
  if (typeof value.id === "string" && gidType(value.id) !== undefined) return gidType(value.id)
  if (typeof value.code === "string") return "DiscountCodeApplication"
  if (typeof value.title === "string") return "ManualDiscountApplication"
  return undefined
}
