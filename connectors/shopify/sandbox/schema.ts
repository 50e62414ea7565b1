/**
 * The real Admin API 2025-01 schema, built from Shopify's published introspection
 * (`admin_schema_2025-01.introspection.json.gz`, from Shopify/dev-mcp). The sandbox validates
 * and executes every request against it, so a query the real API would refuse is refused here.
 * Built once per process: it is 13 MB of JSON and takes a few hundred milliseconds.
 */
import { introspectedSchema } from "../../../core/connector/sandboxSchema.ts"

/** The Admin API schema (cached). */
export const adminSchema = introspectedSchema(new URL("./admin_schema_2025-01.introspection.json.gz", import.meta.url))
