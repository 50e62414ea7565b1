/** `warehouses` → canonical `location`: stock.warehouse with its address partner. */
import { Effect, Stream } from "effect"
import { defineStream } from "../../../core/connector/define.ts"
import { odooClient } from "../client.ts"
import type { OdooConfig } from "../config.ts"
import { PARTNER_FIELDS, PartnerRecord } from "../schemas/partner.ts"
import { type OdooWarehouse, WAREHOUSE_FIELDS, WarehouseRecord } from "../schemas/warehouse.ts"
import { cursorOf, keysetPages, pageSizeOf, positionFromCursor, searchRead, WITH_ARCHIVED } from "./keyset.ts"

/** `warehouses`: warehouses with their address, in (write_date, id) order. */
export const warehousesStream = defineStream<OdooConfig, OdooWarehouse>({
  entity: "location",
  description: "stock.warehouse with its address",
  incremental: true,
  idOf: (raw) => String(raw.id),
  positionOf: (raw) => cursorOf(raw.write_date, raw.id),
  read: (ctx, options) => {
    const client = odooClient(ctx)
    return keysetPages({
      client,
      system: ctx.system,
      model: "stock.warehouse",
      schema: WarehouseRecord,
      fields: WAREHOUSE_FIELDS,
      domain: [],
      since: positionFromCursor(options.since),
      pageSize: pageSizeOf(ctx.config, options),
    }).pipe(
      Stream.mapEffect((warehouses) =>
        Effect.gen(function* () {
          const partnerIds = warehouses.flatMap((w) => (w.partner_id === false ? [] : [w.partner_id[0]]))
          const partners =
            partnerIds.length === 0
              ? []
              : yield* searchRead(client, ctx.system, "res.partner", PartnerRecord, {
                  domain: [["id", "in", partnerIds]],
                  fields: PARTNER_FIELDS,
                  context: WITH_ARCHIVED,
                })
          const byId = new Map(partners.map((p) => [p.id, p]))
          return warehouses.map((w) => ({
            ...w,
            address: w.partner_id === false ? false : (byId.get(w.partner_id[0]) ?? false),
          }))
        }),
      ),
    )
  },
})
