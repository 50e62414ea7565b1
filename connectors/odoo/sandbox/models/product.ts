/** `product` models: templates, variants, attributes, categories and pricelists. */
import type { Orm } from "../orm.ts"
import type { ModelDef, Row } from "../schema.ts"
import {
  active,
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

const num = (v: unknown): number => (typeof v === "number" ? v : 0)
const idsOf = (v: unknown): ReadonlyArray<number> => (Array.isArray(v) ? v.filter((x) => typeof x === "number") : [])

/** `lst_price`: the template's sales price plus the price extras of the variant's attribute values. */
const listPrice = (row: Row, orm: Orm): number => {
  const template =
    typeof row.product_tmpl_id === "number" ? orm.get("product.template", row.product_tmpl_id) : undefined
  let price = num(template?.list_price)
  for (const id of idsOf(row.product_template_attribute_value_ids)) {
    price += num(orm.get("product.template.attribute.value", id)?.price_extra)
  }
  return Math.round(price * 100) / 100
}

const variantName = (row: Row, orm: Orm): string => {
  const template =
    typeof row.product_tmpl_id === "number" ? orm.get("product.template", row.product_tmpl_id) : undefined
  const values = idsOf(row.product_template_attribute_value_ids)
    .map((id) => orm.get("product.template.attribute.value", id))
    .map((ptav) => (ptav === undefined ? "" : String(orm.value("product.template.attribute.value", ptav, "name"))))
    .filter((name) => name !== "")
  const code = typeof row.default_code === "string" && row.default_code !== "" ? `[${row.default_code}] ` : ""
  const name = typeof template?.name === "string" ? template.name : ""
  return `${code}${name}${values.length > 0 ? ` (${values.join(", ")})` : ""}`
}

/** Categories, attributes, templates, variants, pricelists and their rules. */
export const productModels: ReadonlyArray<ModelDef> = [
  {
    name: "product.category",
    description: "Product Category",
    order: "complete_name",
    fields: {
      name: char("Name", { required: true }),
      parent_id: many2one("product.category", "Parent Category"),
      complete_name: char("Complete Name", {
        compute: (row, orm) => {
          const parent = typeof row.parent_id === "number" ? orm.get("product.category", row.parent_id) : undefined
          const own = typeof row.name === "string" ? row.name : ""
          return parent === undefined ? own : `${orm.value("product.category", parent, "complete_name")} / ${own}`
        },
      }),
    },
    displayName: (row, orm) => String(orm.value("product.category", row, "complete_name")),
  },
  {
    name: "product.attribute",
    description: "Product Attribute",
    order: "sequence, id",
    fields: { name: char("Attribute", { required: true }), sequence: integer("Sequence") },
  },
  {
    name: "product.attribute.value",
    description: "Attribute Value",
    order: "attribute_id, sequence, id",
    fields: {
      name: char("Value", { required: true }),
      attribute_id: many2one("product.attribute", "Attribute", { required: true }),
      sequence: integer("Sequence"),
    },
  },
  {
    name: "product.template.attribute.value",
    description: "Product Template Attribute Value",
    fields: {
      product_tmpl_id: many2one("product.template", "Product Template", { required: true }),
      product_attribute_value_id: many2one("product.attribute.value", "Attribute Value", { required: true }),
      attribute_id: many2one("product.attribute", "Attribute", { related: "product_attribute_value_id.attribute_id" }),
      name: char("Value", { related: "product_attribute_value_id.name" }),
      price_extra: float("Value Price Extra", { digits: 2 }),
    },
    displayName: (row, orm) =>
      `${orm.readName("product.template.attribute.value", row, "attribute_id")}: ${orm.value("product.template.attribute.value", row, "name")}`,
  },
  {
    name: "product.template",
    description: "Product",
    order: "priority desc, name",
    fields: {
      name: char("Name", { required: true }),
      priority: selection("Favorite", ["0", "1"], { default: "0" }),
      default_code: char("Internal Reference"),
      barcode: char("Barcode"),
      description_sale: text("Sales Description"),
      description: html("Description"),
      list_price: float("Sales Price", { digits: 2, default: 1 }),
      categ_id: many2one("product.category", "Product Category", { required: true, default: 1 }),
      type: selection("Product Type", ["consu", "service", "combo"], { default: "consu" }),
      is_storable: boolean("Track Inventory"),
      sale_ok: boolean("Can be Sold", { default: true }),
      weight: float("Weight", { digits: 3 }),
      weight_uom_name: char("Weight unit of measure label", { compute: () => "kg" }),
      taxes_id: many2many("account.tax", "Sales Taxes"),
      currency_id: many2one("res.currency", "Currency", { related: "company_id.currency_id" }),
      company_id: many2one("res.company", "Company", { default: 1 }),
      product_variant_ids: one2many("product.product", "product_tmpl_id", "Products"),
      active: active(),
      // A custom field as Odoo Studio adds it (`x_studio_` prefix): the retailer's product number,
      // which Odoo's own default_code cannot be on a template with several variants.
      x_studio_product_number: char("Product Number"),
    },
  },
  {
    name: "product.product",
    description: "Product Variant",
    order: "priority desc, default_code, name, id",
    fields: {
      product_tmpl_id: many2one("product.template", "Product Template", { required: true }),
      default_code: char("Internal Reference"),
      barcode: char("Barcode"),
      weight: float("Weight", { digits: 3 }),
      product_template_attribute_value_ids: many2many("product.template.attribute.value", "Attribute Values"),
      name: char("Name", { related: "product_tmpl_id.name" }),
      priority: char("Favorite", { related: "product_tmpl_id.priority" }),
      lst_price: float("Sales Price", {
        compute: listPrice,
        // _set_product_lst_price: the template's price becomes the value less this variant's extras.
        onWrite: (orm, row, value) => {
          if (typeof value !== "number" || typeof row.product_tmpl_id !== "number") return
          const extras = listPrice(row, orm) - num(orm.get("product.template", row.product_tmpl_id)?.list_price)
          orm.write("product.template", [row.product_tmpl_id], { list_price: value - extras })
        },
      }),
      categ_id: many2one("product.category", "Product Category", { related: "product_tmpl_id.categ_id" }),
      type: char("Product Type", { related: "product_tmpl_id.type" }),
      is_storable: boolean("Track Inventory", { related: "product_tmpl_id.is_storable" }),
      taxes_id: many2many("account.tax", "Sales Taxes", { related: "product_tmpl_id.taxes_id" }),
      currency_id: many2one("res.currency", "Currency", { related: "product_tmpl_id.currency_id" }),
      active: active(),
    },
    displayName: variantName,
  },
  {
    name: "product.pricelist",
    description: "Pricelist",
    order: "sequence, id",
    fields: {
      name: char("Pricelist Name", { required: true }),
      sequence: integer("Sequence", { default: 16 }),
      currency_id: many2one("res.currency", "Currency", { required: true, default: 1 }),
      item_ids: one2many("product.pricelist.item", "pricelist_id", "Pricelist Rules"),
      active: active(),
    },
    displayName: (row, orm) => `${String(row.name)} (${orm.readName("product.pricelist", row, "currency_id")})`,
  },
  {
    name: "product.pricelist.item",
    description: "Pricelist Rule",
    order: "applied_on, min_quantity desc, categ_id desc, id desc",
    fields: {
      pricelist_id: many2one("product.pricelist", "Pricelist", { required: true }),
      applied_on: selection("Apply On", ["3_global", "2_product_category", "1_product", "0_product_variant"], {
        default: "3_global",
      }),
      product_tmpl_id: many2one("product.template", "Product"),
      product_id: many2one("product.product", "Product Variant"),
      categ_id: many2one("product.category", "Product Category"),
      min_quantity: float("Min. Quantity", { digits: 2 }),
      compute_price: selection("Price Type", ["fixed", "percentage", "formula"], { default: "fixed" }),
      fixed_price: float("Fixed Price", { digits: 2 }),
      percent_price: float("Percentage Price"),
      date_start: datetime("Start Date"),
      date_end: datetime("End Date"),
      currency_id: many2one("res.currency", "Currency", { related: "pricelist_id.currency_id" }),
      active: boolean("Active", { related: "pricelist_id.active" }),
    },
  },
]
