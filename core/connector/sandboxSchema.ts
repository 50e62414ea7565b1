/**
 * A GraphQL sandbox's schema, built from the vendor's own introspection result (a gzipped JSON
 * file next to the sandbox), so the sandbox validates and executes every request against the
 * real schema and refuses what the real API refuses.
 */
import { readFileSync } from "node:fs"
import { gunzipSync } from "node:zlib"
import { buildClientSchema, type GraphQLSchema, type IntrospectionQuery } from "graphql"

const isIntrospection = (value: unknown): value is { data: IntrospectionQuery } =>
  typeof value === "object" &&
  value !== null &&
  "data" in value &&
  typeof value.data === "object" &&
  value.data !== null &&
  "__schema" in value.data

/**
 * The schema in a gzipped introspection result, built on the first call and kept: a large
 * schema (Shopify's is 13 MB of JSON) takes a few hundred milliseconds to build.
 */
export const introspectedSchema = (file: URL): (() => GraphQLSchema) => {
  let cached: GraphQLSchema | undefined
  return () => {
    if (cached === undefined) {
      const json: unknown = JSON.parse(gunzipSync(readFileSync(file)).toString("utf8"))
      if (!isIntrospection(json)) throw new Error(`${file.pathname} is not a GraphQL introspection result`)
      cached = buildClientSchema(json.data)
    }
    return cached
  }
}
