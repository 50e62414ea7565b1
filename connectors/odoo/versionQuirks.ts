/**
 * Field names that changed between the Odoo versions this connector speaks to (16–19), found
 * out once per system by asking the server (`fields_get`) rather than guessed from the protocol.
 */
import { Effect, Schema } from "effect"
import type { ConnectorContext } from "../../core/connector/define.ts"
import type { ConnectorError } from "../../core/connector/errors.ts"
import type { HttpClient } from "../../core/http/index.ts"
import { asConnectorError, callAs, type OdooClient } from "./client.ts"
import type { OdooConfig } from "./config.ts"

/** How this server names what a sale order line carries. */
export interface LineFields {
  /** The line's taxes: `tax_ids` since Odoo 19, `tax_id` before. */
  readonly taxes: "tax_ids" | "tax_id"
  /** `is_delivery` exists only with the `delivery` module installed. */
  readonly isDelivery: boolean
}

const known = new WeakMap<HttpClient, LineFields>()

/** The sale order line fields this server has, asked once per system. */
export const lineFields = (
  ctx: ConnectorContext<OdooConfig>,
  client: OdooClient,
): Effect.Effect<LineFields, ConnectorError> => {
  const cached = known.get(ctx.http)
  if (cached !== undefined) return Effect.succeed(cached)
  // https://www.odoo.com/documentation/19.0/developer/reference/backend/orm.html#odoo.models.Model.fields_get
  return callAs(
    client,
    ctx.system,
    Schema.Record({ key: Schema.String, value: Schema.Unknown }),
    "sale.order.line",
    "fields_get",
    { allfields: ["tax_ids", "tax_id", "is_delivery"], attributes: ["type"] },
  ).pipe(
    Effect.mapError(asConnectorError),
    Effect.map((fields) => {
      const found: LineFields = {
        taxes: "tax_ids" in fields ? "tax_ids" : "tax_id",
        isDelivery: "is_delivery" in fields,
      }
      known.set(ctx.http, found)
      return found
    }),
  )
}

/** How this server names what a stock move carries. */
export interface MoveFields {
  /** `name` (Description) is a required move field up to Odoo 18; Odoo 19 has none. */
  readonly name: boolean
}

const knownMoves = new WeakMap<HttpClient, MoveFields>()

/** The stock move fields this server has, asked once per system. */
export const moveFields = (
  ctx: ConnectorContext<OdooConfig>,
  client: OdooClient,
): Effect.Effect<MoveFields, ConnectorError> => {
  const cached = knownMoves.get(ctx.http)
  if (cached !== undefined) return Effect.succeed(cached)
  // https://www.odoo.com/documentation/19.0/developer/reference/backend/orm.html#odoo.models.Model.fields_get
  return callAs(
    client,
    ctx.system,
    Schema.Record({ key: Schema.String, value: Schema.Unknown }),
    "stock.move",
    "fields_get",
    { allfields: ["name"], attributes: ["type"] },
  ).pipe(
    Effect.mapError(asConnectorError),
    Effect.map((fields) => {
      const found: MoveFields = { name: "name" in fields }
      knownMoves.set(ctx.http, found)
      return found
    }),
  )
}
