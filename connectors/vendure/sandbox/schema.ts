/**
 * The real Admin API schema of Vendure 3.7.3, from the running server's introspection
 * (`admin-api_3.7.3.introspection.json.gz`: scripts/peers/vendure.sh start, then the standard
 * introspection query as superadmin). The sandbox validates and executes every request against
 * it, so a query the real server refuses (an unknown field, an unused variable) is refused here.
 */
import { readFileSync } from "node:fs"
import { gunzipSync } from "node:zlib"
import { buildClientSchema, type GraphQLSchema, type IntrospectionQuery } from "graphql"

const INTROSPECTION = new URL("./admin-api_3.7.3.introspection.json.gz", import.meta.url)

let cached: GraphQLSchema | undefined

const isIntrospection = (value: unknown): value is { data: IntrospectionQuery } =>
  typeof value === "object" &&
  value !== null &&
  "data" in value &&
  typeof value.data === "object" &&
  value.data !== null &&
  "__schema" in value.data

/** The Admin API schema (built once per process). */
export const adminSchema = (): GraphQLSchema => {
  if (cached === undefined) {
    const json: unknown = JSON.parse(gunzipSync(readFileSync(INTROSPECTION)).toString("utf8"))
    if (!isIntrospection(json)) throw new Error(`${INTROSPECTION.pathname} is not a GraphQL introspection result`)
    cached = buildClientSchema(json.data)
  }
  return cached
}
