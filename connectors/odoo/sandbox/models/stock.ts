/** `stock` models: warehouses, locations, lots and quants. */
import type { ModelDef } from "../schema.ts"
import { active, char, datetime, float, many2one, selection } from "./fields.ts"

/** Warehouses, locations, lots and quants. */
export const stockModels: ReadonlyArray<ModelDef> = [
  {
    name: "stock.warehouse",
    description: "Warehouse",
    order: "sequence,id",
    fields: {
      name: char("Warehouse", { required: true }),
      code: char("Short Name", { required: true }),
      sequence: float("Sequence", { default: 10 }),
      partner_id: many2one("res.partner", "Address"),
      view_location_id: many2one("stock.location", "View Location"),
      lot_stock_id: many2one("stock.location", "Location Stock"),
      company_id: many2one("res.company", "Company", { default: 1 }),
      active: active(),
    },
  },
  {
    name: "stock.location",
    description: "Inventory Locations",
    order: "complete_name, id",
    fields: {
      name: char("Location Name", { required: true }),
      location_id: many2one("stock.location", "Parent Location"),
      complete_name: char("Full Location Name", {
        compute: (row, orm) => {
          const parent = typeof row.location_id === "number" ? orm.get("stock.location", row.location_id) : undefined
          const own = typeof row.name === "string" ? row.name : ""
          // _compute_complete_name: a view location is named on its own, any other under its parent.
          return parent === undefined || row.usage === "view"
            ? own
            : `${orm.value("stock.location", parent, "complete_name")}/${own}`
        },
      }),
      usage: selection(
        "Location Type",
        ["supplier", "view", "internal", "customer", "inventory", "production", "transit"],
        {
          default: "internal",
        },
      ),
      // Stored and computed from the view location in Odoo; the seed sets it.
      warehouse_id: many2one("stock.warehouse", "Warehouse"),
      active: active(),
    },
    displayName: (row, orm) => String(orm.value("stock.location", row, "complete_name")),
  },
  {
    name: "stock.lot",
    description: "Lot/Serial",
    order: "name, id",
    fields: {
      name: char("Lot/Serial Number", { required: true }),
      product_id: many2one("product.product", "Product", { required: true }),
    },
  },
  {
    name: "stock.quant",
    description: "Quants",
    fields: {
      product_id: many2one("product.product", "Product", { required: true }),
      location_id: many2one("stock.location", "Location", { required: true }),
      lot_id: many2one("stock.lot", "Lot/Serial Number"),
      quantity: float("Quantity", { digits: 4 }),
      reserved_quantity: float("Reserved Quantity", { digits: 4 }),
      warehouse_id: many2one("stock.warehouse", "Warehouse", { related: "location_id.warehouse_id" }),
      in_date: datetime("Incoming Date"),
    },
    displayName: (row, orm) =>
      `${orm.readName("stock.quant", row, "location_id")} - ${orm.readName("stock.quant", row, "product_id")}`,
  },
]
