/** `sale` models: quotations/orders and their lines, with amounts, taxes and confirmation. */
import { userError, validationError } from "../errors.ts"
import type { Orm } from "../orm.ts"
import type { ModelDef, Row } from "../schema.ts"
import {
  boolean,
  char,
  datetime,
  float,
  html,
  integer,
  many2many,
  many2one,
  one2many,
  selection,
  text,
} from "./fields.ts"
import { createDelivery } from "./picking.ts"

const num = (v: unknown): number => (typeof v === "number" ? v : 0)
const idsOf = (v: unknown): ReadonlyArray<number> => (Array.isArray(v) ? v.filter((x) => typeof x === "number") : [])
const round2 = (v: number): number => Math.round((v + Number.EPSILON * Math.sign(v)) * 100) / 100

/** A line's amounts, rounded per line (Odoo's default `round_per_line`). */
const lineAmounts = (row: Row, orm: Orm) => {
  const taxes = idsOf(orm.value("sale.order.line", row, "tax_ids"))
    .map((id) => orm.get("account.tax", id))
    .filter((t): t is Row => t !== undefined)
  const percent = taxes.reduce((sum, t) => sum + (t.amount_type === "percent" ? num(t.amount) : 0), 0)
  const included = taxes.some((t) => t.price_include === true)
  const base = num(row.product_uom_qty) * num(row.price_unit) * (1 - num(row.discount) / 100)
  if (included) {
    const total = round2(base)
    const subtotal = round2(total / (1 + percent / 100))
    return { subtotal, tax: round2(total - subtotal), total }
  }
  const subtotal = round2(base)
  const tax = round2((subtotal * percent) / 100)
  return { subtotal, tax, total: round2(subtotal + tax) }
}

const orderLines = (orm: Orm, order: Row): ReadonlyArray<Row> =>
  orm.children("sale.order.line", "order_id", order.id).flatMap((id) => orm.get("sale.order.line", id) ?? [])

const orderSum = (key: "subtotal" | "tax" | "total") => (row: Row, orm: Orm) =>
  round2(orderLines(orm, row).reduce((sum, line) => sum + lineAmounts(line, orm)[key], 0))

/** Reserves what the warehouse's internal locations have of each storable line, oldest quants first. */
const reserveStock = (orm: Orm, order: Row): void => {
  for (const line of orderLines(orm, order)) {
    const productId = line.product_id
    if (typeof productId !== "number" || line.display_type) continue
    const product = orm.get("product.product", productId)
    if (product === undefined || orm.value("product.product", product, "is_storable") !== true) continue
    let needed = num(line.product_uom_qty)
    const quants = orm.search(
      "stock.quant",
      [
        ["product_id", "=", productId],
        ["location_id.usage", "=", "internal"],
        ["warehouse_id", "=", order.warehouse_id],
      ],
      { order: "in_date, id" },
    )
    for (const quantId of quants) {
      const quant = orm.get("stock.quant", quantId)
      if (quant === undefined || needed <= 0) break
      const available = num(quant.quantity) - num(quant.reserved_quantity)
      if (available <= 0) continue
      const take = Math.min(available, needed)
      orm.write("stock.quant", [quantId], { reserved_quantity: num(quant.reserved_quantity) + take })
      needed -= take
    }
  }
}

/** sale.order (with `action_confirm`) and sale.order.line. */
export const saleModels: ReadonlyArray<ModelDef> = [
  {
    name: "sale.order",
    description: "Sales Order",
    order: "date_order desc, id desc",
    fields: {
      name: char("Order Reference", { required: true }),
      partner_id: many2one("res.partner", "Customer", { required: true }),
      partner_invoice_id: many2one("res.partner", "Invoice Address", { required: true }),
      partner_shipping_id: many2one("res.partner", "Delivery Address", { required: true }),
      client_order_ref: char("Customer Reference"),
      origin: char("Source Document"),
      date_order: datetime("Order Date", { required: true }),
      state: selection("Status", ["draft", "sent", "sale", "cancel"], { default: "draft" }),
      locked: boolean("Locked"),
      delivery_status: selection("Delivery Status", ["pending", "started", "partial", "full"]),
      order_line: one2many("sale.order.line", "order_id", "Order Lines"),
      currency_id: many2one("res.currency", "Currency", { default: 1 }),
      pricelist_id: many2one("product.pricelist", "Pricelist"),
      warehouse_id: many2one("stock.warehouse", "Warehouse", { required: true, default: 1 }),
      company_id: many2one("res.company", "Company", { default: 1 }),
      note: html("Terms and conditions"),
      amount_untaxed: float("Untaxed Amount", { compute: orderSum("subtotal") }),
      amount_tax: float("Taxes", { compute: orderSum("tax") }),
      amount_total: float("Total", { compute: orderSum("total") }),
    },
    prepare: (vals, orm) => {
      if (vals.name === undefined || vals.name === false) {
        const last = orm
          .all("sale.order")
          .map((o) => Number(String(o.name).replace(/\D/g, "")) || 0)
          .reduce((a, b) => Math.max(a, b), 0)
        vals.name = `S${String(last + 1).padStart(5, "0")}`
      }
      if (vals.date_order === undefined) vals.date_order = orm.clock()
      if (vals.partner_invoice_id === undefined) vals.partner_invoice_id = vals.partner_id
      if (vals.partner_shipping_id === undefined) vals.partner_shipping_id = vals.partner_id
    },
    methods: {
      action_confirm: {
        api: "records",
        params: [],
        run: ({ orm, ids }) => {
          const orders = ids.flatMap((id) => orm.get("sale.order", id) ?? [])
          if (orders.some((o) => o.state !== "draft" && o.state !== "sent")) {
            throw userError("Some orders are not in a state requiring confirmation.")
          }
          if (orders.some((o) => orderLines(orm, o).some((l) => !l.display_type && typeof l.product_id !== "number"))) {
            throw userError("A line on these orders missing a product, you cannot confirm it.")
          }
          // _prepare_confirmation_values: confirming stamps the order date with now.
          orm.write("sale.order", ids, { state: "sale", date_order: orm.clock(), delivery_status: "pending" })
          for (const order of orders) {
            reserveStock(orm, order)
            // sale_stock: the procurement of a confirmed order creates its delivery.
            createDelivery(orm, order)
          }
          return true
        },
      },
    },
  },
  {
    name: "sale.order.line",
    description: "Sales Order Line",
    order: "order_id, sequence, id",
    fields: {
      order_id: many2one("sale.order", "Order Reference", { required: true }),
      sequence: integer("Sequence", { default: 10 }),
      product_id: many2one("product.product", "Product"),
      name: text("Description"),
      display_type: selection("Display Type", ["line_section", "line_subsection", "line_note"]),
      product_uom_qty: float("Quantity", { digits: 2, default: 1 }),
      price_unit: float("Unit Price", { digits: 2 }),
      discount: float("Discount (%)", { digits: 2 }),
      tax_ids: many2many("account.tax", "Taxes", {
        default: (orm, vals) => {
          const product = typeof vals.product_id === "number" ? orm.get("product.product", vals.product_id) : undefined
          return product === undefined ? [] : idsOf(orm.value("product.product", product, "taxes_id"))
        },
      }),
      is_delivery: boolean("Is a Delivery"),
      qty_delivered: float("Delivery Quantity", { digits: 2 }),
      currency_id: many2one("res.currency", "Currency", { related: "order_id.currency_id" }),
      state: char("Order Status", { related: "order_id.state" }),
      price_subtotal: float("Subtotal", { compute: (row, orm) => lineAmounts(row, orm).subtotal }),
      price_tax: float("Total Tax", { compute: (row, orm) => lineAmounts(row, orm).tax }),
      price_total: float("Total", { compute: (row, orm) => lineAmounts(row, orm).total }),
    },
    prepare: (vals, orm) => {
      // _sql_constraints accountable_required_fields
      if (!vals.display_type && typeof vals.product_id !== "number") {
        throw validationError(
          "The operation cannot be completed: Missing required fields on accountable sale order line.",
        )
      }
      const product = typeof vals.product_id === "number" ? orm.get("product.product", vals.product_id) : undefined
      if (product === undefined) return
      if (vals.name === undefined || vals.name === false) vals.name = orm.displayName("product.product", product)
      if (vals.price_unit === undefined) vals.price_unit = orm.value("product.product", product, "lst_price")
    },
    // The order's amounts are stored computed fields in Odoo: changing a line rewrites its order.
    afterChange: (ids, orm) => {
      const orders = ids.flatMap((id) => {
        const order = orm.get("sale.order.line", id)?.order_id
        return typeof order === "number" ? [order] : []
      })
      orm.touch("sale.order", [...new Set(orders)])
    },
  },
]
