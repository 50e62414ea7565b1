/**
 * The real Admin API 2025-01 schema, built from Shopify's published introspection
 * (`admin_schema_2025-01.introspection.json.gz`, from Shopify/dev-mcp). The sandbox validates
 * and executes every request against it, so a query the real API would refuse is refused here.
 * Built once per process: it is 13 MB of JSON and takes a few hundred milliseconds.
 */
import { readFileSync } from "node:fs"
import { gunzipSync } from "node:zlib"
import { buildClientSchema, type GraphQLSchema, type IntrospectionQuery } from "graphql"

const INTROSPECTION = new URL("./admin_schema_2025-01.introspection.json.gz", import.meta.url)

let cached: GraphQLSchema | undefined

const isIntrospection = (value: unknown): value is { data: IntrospectionQuery } =>
  typeof value === "object" &&
  value !== null &&
  "data" in value &&
  typeof value.data === "object" &&
  value.data !== null &&
  "__schema" in value.data

/** The Admin API schema (cached). */
export const adminSchema = (): GraphQLSchema => {
  if (cached === undefined) {
    const json: unknown = JSON.parse(gunzipSync(readFileSync(INTROSPECTION)).toString("utf8"))
    if (!isIntrospection(json)) throw new Error(`${INTROSPECTION.pathname} is not a GraphQL introspection result`)
    cached = buildClientSchema(json.data)
  }
  return cached
}
