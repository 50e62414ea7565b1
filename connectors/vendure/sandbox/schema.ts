/**
 * The real Admin API schema of Vendure 3.7.3, from the running server's introspection
 * (`admin-api_3.7.3.introspection.json.gz`: scripts/peers/vendure.sh start, then the standard
 * introspection query as superadmin). The sandbox validates and executes every request against
 * it, so a query the real server refuses (an unknown field, an unused variable) is refused here.
 */
import { introspectedSchema } from "../../../core/connector/sandboxSchema.ts"

/** The Admin API schema (built once per process). */
export const adminSchema = introspectedSchema(new URL("./admin-api_3.7.3.introspection.json.gz", import.meta.url))
