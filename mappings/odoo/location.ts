/**
 * `location` ⇄ a warehouse (the warehouses stream's record). Odoo does not say whether a
 * warehouse is a store: the lookup table `locationKind` (warehouse code → `warehouse`, `store`,
 * `dropship`) does, default `warehouse`. A store offers click & collect; the others ship.
 * An archived warehouse offers neither.
 */
import { Effect, Schema } from "effect"
import { OdooWarehouse } from "../../connectors/odoo/schemas/warehouse.ts"
import { defineMapping, MappingContext } from "../../core/mapping/index.ts"
import { Location, LocationKind } from "../../core/model/index.ts"
import { failAt, instantOf, odooDatetimeOf, textOf } from "./odooValues.ts"
import { addressFields, addressOf, emptyPartner } from "./partnerFields.ts"

/** The lookup table naming each warehouse's kind. */
export const LOCATION_KIND_TABLE = "locationKind"

const isKind = Schema.is(LocationKind)

/** OdooWarehouse ⇄ Location. */
export const locationRead = Schema.transformOrFail(OdooWarehouse, Location, {
  strict: true,
  decode: (raw, _options, ast) =>
    Effect.gen(function* () {
      const { lookup } = yield* MappingContext
      const code = textOf(raw.code)
      if (code === undefined) return yield* failAt(ast, raw, ["code"], `warehouse "${raw.name}" has no short name`)
      const configured = lookup(LOCATION_KIND_TABLE, code) ?? "warehouse"
      if (!isKind(configured)) {
        return yield* failAt(
          ast,
          raw,
          ["code"],
          `lookup ${LOCATION_KIND_TABLE} says "${configured}" for ${code}; expected warehouse, store or dropship`,
        )
      }
      const address =
        raw.address === false
          ? undefined
          : addressOf(raw.address, { company: textOf(raw.address.name), phone: raw.address.phone })
      return {
        code,
        name: raw.name,
        kind: configured,
        ...(address === undefined ? {} : { address }),
        pickupEnabled: raw.active && configured === "store",
        shipFromEnabled: raw.active && configured !== "store",
        updatedAt: instantOf(raw.write_date),
      }
    }),
  encode: (location) =>
    Effect.succeed({
      id: 0,
      name: location.name,
      code: location.code,
      partner_id: location.address === undefined ? false : ([0, location.address.company ?? location.name] as const),
      lot_stock_id: false,
      active: location.pickupEnabled || location.shipFromEnabled,
      write_date: odooDatetimeOf(location.updatedAt),
      address:
        location.address === undefined
          ? false
          : { ...emptyPartner(0), ...addressFields(location.address), name: location.address.company ?? false },
    }),
})

/** `location`: read from the warehouses stream. */
export const locationMapping = defineMapping<"location", typeof OdooWarehouse.Encoded, unknown>({
  entity: "location",
  read: locationRead,
})
