/**
 * `stock` transfers as Odoo 17–19 have them: operation types, transfers (`stock.picking`) with
 * their moves, carriers (`stock_delivery`), and validating a transfer, which moves the goods
 * between the quants of its locations and counts what a sale order delivered.
 */
import { userError } from "../errors.ts"
import type { Orm } from "../orm.ts"
import type { ModelDef, Row } from "../schema.ts"
import { active, boolean, char, datetime, float, html, integer, many2one, one2many, selection } from "./fields.ts"

const num = (v: unknown): number => (typeof v === "number" ? v : 0)
const round4 = (v: number): number => Math.round(v * 10_000) / 10_000

const PICKING_STATES = ["draft", "waiting", "confirmed", "assigned", "done", "cancel"] as const
const MOVE_STATES = ["draft", "waiting", "confirmed", "partially_available", "assigned", "done", "cancel"] as const

const movesOf = (orm: Orm, picking: Row): ReadonlyArray<Row> =>
  orm.children("stock.move", "picking_id", picking.id).flatMap((id) => orm.get("stock.move", id) ?? [])

/** Adds `quantity` of a product to a location: to its oldest quant, or a new one. */
const changeQuant = (orm: Orm, productId: number, locationId: number, quantity: number, at: string): void => {
  const location = orm.get("stock.location", locationId)
  // Quants are kept for internal (and transit) locations only; partners' locations have none.
  if (location === undefined || (location.usage !== "internal" && location.usage !== "transit")) return
  const [quantId] = orm.search(
    "stock.quant",
    [
      ["product_id", "=", productId],
      ["location_id", "=", locationId],
    ],
    { order: "in_date, id" },
  )
  const quant = quantId === undefined ? undefined : orm.get("stock.quant", quantId)
  if (quant === undefined) {
    orm.create("stock.quant", [{ product_id: productId, location_id: locationId, quantity, in_date: at }])
    return
  }
  const reserved = quantity < 0 ? Math.max(0, num(quant.reserved_quantity) + quantity) : num(quant.reserved_quantity)
  orm.write("stock.quant", [quant.id], {
    quantity: round4(num(quant.quantity) + quantity),
    reserved_quantity: reserved,
  })
}

/** `qty_delivered` of the sale lines the moves came from, and the orders' delivery status after it. */
const countDelivered = (orm: Orm, moves: ReadonlyArray<Row>, outgoing: boolean): void => {
  const orders = new Set<number>()
  for (const move of moves) {
    const lineId = move.sale_line_id
    const line = typeof lineId === "number" ? orm.get("sale.order.line", lineId) : undefined
    if (line === undefined) continue
    const delta = outgoing ? num(move.quantity) : -num(move.quantity)
    orm.write("sale.order.line", [line.id], { qty_delivered: Math.max(0, num(line.qty_delivered) + delta) })
    if (typeof line.order_id === "number") orders.add(line.order_id)
  }
  for (const orderId of orders) {
    const lines = orm
      .children("sale.order.line", "order_id", orderId)
      .flatMap((id) => orm.get("sale.order.line", id) ?? [])
      .filter((l) => typeof l.product_id === "number" && l.is_delivery !== true && !l.display_type)
    const delivered = lines.filter((l) => num(l.qty_delivered) >= num(l.product_uom_qty)).length
    const started = lines.some((l) => num(l.qty_delivered) > 0)
    const status = delivered === lines.length && lines.length > 0 ? "full" : started ? "partial" : "pending"
    orm.write("sale.order", [orderId], { delivery_status: status })
  }
}

/** `button_validate` without the wizards: what is not counted is taken as demanded (immediate transfer). */
const validate = (orm: Orm, ids: ReadonlyArray<number>): void => {
  const pickings = ids.flatMap((id) => orm.get("stock.picking", id) ?? [])
  for (const picking of pickings) {
    if (picking.state === "done" || picking.state === "cancel") {
      throw userError(`You cannot validate a transfer that is already done or cancelled (${String(picking.name)}).`)
    }
    const moves = movesOf(orm, picking).filter((m) => m.state !== "cancel")
    if (moves.length === 0)
      throw userError("You can't validate an empty transfer. Please add some products to move before proceeding.")
    const now = orm.clock()
    for (const move of moves) {
      const quantity = num(move.quantity) > 0 ? num(move.quantity) : num(move.product_uom_qty)
      orm.write("stock.move", [move.id], { quantity, picked: true, state: "done", date: now })
      const productId = move.product_id
      if (typeof productId !== "number") continue
      if (typeof move.location_id === "number") changeQuant(orm, productId, move.location_id, -quantity, now)
      if (typeof move.location_dest_id === "number") changeQuant(orm, productId, move.location_dest_id, quantity, now)
    }
    orm.write("stock.picking", [picking.id], { state: "done", date_done: now })
    const code = orm.value("stock.picking", picking, "picking_type_code")
    countDelivered(
      orm,
      moves.flatMap((m) => orm.get("stock.move", m.id) ?? []),
      code === "outgoing",
    )
  }
}

/** `stock.picking.type`, `delivery.carrier`, `stock.picking`, `stock.move`. */
export const pickingModels: ReadonlyArray<ModelDef> = [
  {
    name: "stock.picking.type",
    description: "Picking Type",
    order: "sequence, id",
    fields: {
      name: char("Operation Type", { required: true }),
      code: selection("Type of Operation", ["incoming", "outgoing", "internal"], { required: true }),
      sequence: integer("Sequence"),
      sequence_code: char("Sequence Prefix", { required: true }),
      warehouse_id: many2one("stock.warehouse", "Warehouse"),
      default_location_src_id: many2one("stock.location", "Default Source Location"),
      default_location_dest_id: many2one("stock.location", "Default Destination Location"),
      return_picking_type_id: many2one("stock.picking.type", "Operation Type for Returns"),
      company_id: many2one("res.company", "Company", { default: 1 }),
      active: active(),
    },
    displayName: (row, orm) => {
      const warehouse = typeof row.warehouse_id === "number" ? orm.get("stock.warehouse", row.warehouse_id) : undefined
      return warehouse === undefined ? String(row.name) : `${String(warehouse.name)}: ${String(row.name)}`
    },
  },
  {
    name: "delivery.carrier",
    description: "Shipping Methods",
    order: "sequence, id",
    fields: {
      name: char("Delivery Method", { required: true }),
      sequence: integer("Sequence", { default: 10 }),
      delivery_type: selection("Provider", ["base_on_rule", "fixed"], { default: "fixed" }),
      product_id: many2one("product.product", "Delivery Product", { required: true }),
      active: active(),
    },
  },
  {
    name: "stock.picking",
    description: "Transfer",
    order: "priority desc, scheduled_date asc, id desc",
    fields: {
      name: char("Reference", { default: "/" }),
      origin: char("Source Document"),
      note: html("Notes"),
      priority: selection("Priority", ["0", "1"], { default: "0" }),
      backorder_id: many2one("stock.picking", "Back Order of"),
      return_id: many2one("stock.picking", "Return of"),
      state: selection("Status", PICKING_STATES, { default: "draft" }),
      scheduled_date: datetime("Scheduled Date", { default: (orm) => orm.clock() }),
      date_done: datetime("Date of Transfer"),
      location_id: many2one("stock.location", "Source Location", { required: true }),
      location_dest_id: many2one("stock.location", "Destination Location", { required: true }),
      move_ids: one2many("stock.move", "picking_id", "Stock Moves"),
      picking_type_id: many2one("stock.picking.type", "Operation Type", { required: true }),
      picking_type_code: selection("Type of Operation", ["incoming", "outgoing", "internal"], {
        related: "picking_type_id.code",
      }),
      partner_id: many2one("res.partner", "Contact"),
      company_id: many2one("res.company", "Company", { related: "picking_type_id.company_id" }),
      // sale_stock
      sale_id: many2one("sale.order", "Sales Order"),
      // stock_delivery
      carrier_id: many2one("delivery.carrier", "Carrier"),
      carrier_tracking_ref: char("Tracking Reference"),
    },
    prepare: (vals, orm) => {
      const type =
        typeof vals.picking_type_id === "number" ? orm.get("stock.picking.type", vals.picking_type_id) : undefined
      if (type === undefined) return
      // _compute_location_id: the operation type's default locations.
      if (vals.location_id === undefined) vals.location_id = type.default_location_src_id ?? false
      if (vals.location_dest_id === undefined) vals.location_dest_id = type.default_location_dest_id ?? false
      if (vals.name === undefined || vals.name === "/" || vals.name === false) {
        // ir.sequence of the operation type: `<warehouse code>/<sequence code>/<5 digits>`.
        const warehouse =
          typeof type.warehouse_id === "number" ? orm.get("stock.warehouse", type.warehouse_id) : undefined
        const prefix = `${warehouse === undefined ? "" : `${String(warehouse.code)}/`}${String(type.sequence_code)}/`
        const last = orm
          .all("stock.picking")
          .filter((p) => String(p.name).startsWith(prefix))
          .map((p) => Number(String(p.name).slice(prefix.length)) || 0)
          .reduce((a, b) => Math.max(a, b), 0)
        vals.name = `${prefix}${String(last + 1).padStart(5, "0")}`
      }
    },
    methods: {
      action_confirm: {
        api: "records",
        params: [],
        run: ({ orm, ids }) => {
          for (const picking of ids.flatMap((id) => orm.get("stock.picking", id) ?? [])) {
            if (picking.state !== "draft") continue
            const moves = movesOf(orm, picking)
            orm.write(
              "stock.move",
              moves.map((m) => m.id),
              { state: "assigned" },
            )
            orm.write("stock.picking", [picking.id], { state: "assigned" })
          }
          return true
        },
      },
      action_cancel: {
        api: "records",
        params: [],
        run: ({ orm, ids }) => {
          const pickings = ids.flatMap((id) => orm.get("stock.picking", id) ?? [])
          if (pickings.some((p) => p.state === "done")) {
            throw userError("You cannot cancel a stock move that has been set to 'Done'.")
          }
          for (const picking of pickings) {
            orm.write(
              "stock.move",
              movesOf(orm, picking).map((m) => m.id),
              { state: "cancel" },
            )
            orm.write("stock.picking", [picking.id], { state: "cancel" })
          }
          return true
        },
      },
      button_validate: {
        api: "records",
        params: [],
        run: ({ orm, ids }) => {
          validate(orm, ids)
          return true
        },
      },
    },
  },
  {
    name: "stock.move",
    description: "Stock Move",
    order: "sequence, id",
    fields: {
      sequence: integer("Sequence", { default: 10 }),
      reference: char("Reference", { related: "picking_id.name" }),
      origin: char("Source Document"),
      picking_id: many2one("stock.picking", "Transfer"),
      product_id: many2one("product.product", "Product", { required: true }),
      product_uom_qty: float("Demand", { digits: 4, required: true, default: 0 }),
      quantity: float("Quantity", { digits: 4 }),
      picked: boolean("Picked"),
      state: selection("Status", MOVE_STATES, { default: "draft" }),
      date: datetime("Date Scheduled", { default: (orm) => orm.clock() }),
      location_id: many2one("stock.location", "Source Location", { required: true }),
      location_dest_id: many2one("stock.location", "Destination Location", { required: true }),
      partner_id: many2one("res.partner", "Destination Address"),
      picking_type_id: many2one("stock.picking.type", "Operation Type"),
      origin_returned_move_id: many2one("stock.move", "Origin return move"),
      // sale_stock
      sale_line_id: many2one("sale.order.line", "Sale Line"),
      company_id: many2one("res.company", "Company", { default: 1 }),
    },
    prepare: (vals, orm) => {
      // Moves of a transfer go where it goes unless told otherwise.
      const picking = typeof vals.picking_id === "number" ? orm.get("stock.picking", vals.picking_id) : undefined
      if (picking === undefined) return
      if (vals.location_id === undefined) vals.location_id = picking.location_id
      if (vals.location_dest_id === undefined) vals.location_dest_id = picking.location_dest_id
      if (vals.picking_type_id === undefined) vals.picking_type_id = picking.picking_type_id
    },
    // The moves are part of their transfer: a move change is a transfer change.
    afterChange: (ids, orm) => {
      const pickings = ids.flatMap((id) => {
        const picking = orm.get("stock.move", id)?.picking_id
        return typeof picking === "number" ? [picking] : []
      })
      orm.touch("stock.picking", [...new Set(pickings)])
    },
  },
]

/** Creates a confirmed sale order's delivery: one ready (`assigned`) outgoing transfer of its storable lines. */
export const createDelivery = (orm: Orm, order: Row): void => {
  const warehouseId = order.warehouse_id
  const [typeId] = orm.search("stock.picking.type", [
    ["code", "=", "outgoing"],
    ["warehouse_id", "=", typeof warehouseId === "number" ? warehouseId : false],
  ])
  if (typeId === undefined) return
  const lines = orm
    .children("sale.order.line", "order_id", order.id)
    .flatMap((id) => orm.get("sale.order.line", id) ?? [])
    .filter((line) => {
      const product = typeof line.product_id === "number" ? orm.get("product.product", line.product_id) : undefined
      return (
        product !== undefined && !line.display_type && orm.value("product.product", product, "is_storable") === true
      )
    })
  if (lines.length === 0) return
  const [customers] = orm.search("stock.location", [["usage", "=", "customer"]], { limit: 1 })
  orm.create("stock.picking", [
    {
      picking_type_id: typeId,
      location_dest_id: customers ?? false,
      partner_id: order.partner_shipping_id,
      origin: order.name,
      sale_id: order.id,
      state: "assigned",
      move_ids: lines.map((line) => [
        0,
        0,
        {
          product_id: line.product_id,
          product_uom_qty: line.product_uom_qty,
          quantity: line.product_uom_qty,
          sale_line_id: line.id,
          origin: order.name,
          partner_id: order.partner_shipping_id,
          state: "assigned",
        },
      ]),
    },
  ])
}
