/**
 * `product` ⇄ a product.template with its variants (the products stream's record).
 * Product number: the configured product number field (`productNumberField`) when set on the
 * template, else the template's Internal Reference when it has one (Odoo sets it only on
 * single-variant templates), else `odoo-tmpl-<id>`, stable for the template's life. SKU: the
 * variant's Internal Reference; a variant without one cannot be sold anywhere and fails here.
 */
import { Effect, ParseResult, Schema } from "effect"
import { type OdooProduct, OdooProduct as OdooProductSchema } from "../../connectors/odoo/schemas/product.ts"
import { defineMapping, MappingContext } from "../../core/mapping/index.ts"
import { Product, type ProductStatus, pickLocale, type Variant } from "../../core/model/index.ts"
import { failAt, instantOf, odooDatetimeOf, textOf } from "./odooValues.ts"

const DERIVED = /^odoo-tmpl-(\d+)$/
const GTIN = /^(\d{8}|\d{12,14})$/
const WEIGHT_UNITS: Readonly<Record<string, "g" | "kg" | "lb" | "oz">> = {
  g: "g",
  kg: "kg",
  lb: "lb",
  lbs: "lb",
  oz: "oz",
}

/** `All / Apparel` ↔ `All/Apparel`: Odoo's full category name as a category path. */
const categoryPath = (completeName: string) => completeName.split(" / ").join("/")
const categoryName = (path: string) => path.split("/").join(" / ")

const statusOf = (raw: OdooProduct): ProductStatus => (!raw.active ? "archived" : raw.sale_ok ? "active" : "draft")

/** OdooProduct ⇄ Product. */
export const productRead = Schema.transformOrFail(OdooProductSchema, Product, {
  strict: true,
  decode: (raw, _options, ast) =>
    Effect.gen(function* () {
      const { defaults } = yield* MappingContext
      const uomName = textOf(raw.weight_uom_name)
      const unit = uomName === undefined ? "kg" : WEIGHT_UNITS[uomName]
      const variants: Array<Variant> = []
      for (const [index, v] of raw.variants.entries()) {
        const sku = textOf(v.default_code)
        if (sku === undefined) {
          const options = v.options.map((o) => `${o.attribute}: ${o.value}`).join(", ")
          return yield* failAt(
            ast,
            raw,
            ["variants", index, "default_code"],
            `variant ${v.id}${options === "" ? "" : ` (${options})`} of "${raw.name}" has no Internal Reference (default_code); set one in Odoo, it is the SKU`,
          )
        }
        if (v.weight > 0 && unit === undefined) {
          return yield* failAt(
            ast,
            raw,
            ["weight_uom_name"],
            `unknown weight unit "${uomName}"; expected kg, g, lb or oz`,
          )
        }
        const barcode = textOf(v.barcode)
        variants.push({
          sku,
          ...(barcode !== undefined && GTIN.test(barcode) ? { gtin: barcode } : {}),
          options: v.options.map((o) => ({ name: o.attribute, value: o.value })),
          ...(v.weight > 0 && unit !== undefined ? { weight: { value: v.weight, unit } } : {}),
          status: raw.active && v.active ? "active" : "archived",
          position: index,
          // A barcode that is no GTIN (an internal label) is kept, but not as a GTIN.
          ...(barcode !== undefined && !GTIN.test(barcode) ? { attributes: { barcode } } : {}),
        })
      }
      const [first, ...rest] = variants
      if (first === undefined) return yield* failAt(ast, raw, ["variants"], `"${raw.name}" has no variants`)
      const description = textOf(raw.description_sale)
      return {
        productNumber: textOf(raw.product_number ?? false) ?? textOf(raw.default_code) ?? `odoo-tmpl-${raw.id}`,
        title: { [defaults.locale]: raw.name },
        ...(description === undefined ? {} : { description: { [defaults.locale]: description } }),
        categories: raw.categ_id === false ? [] : [categoryPath(raw.categ_id[1])],
        media: [],
        status: statusOf(raw),
        attributes: { productType: raw.type },
        variants: [first, ...rest],
        updatedAt: instantOf(raw.changed_at),
      }
    }),
  encode: (product, _options, ast) =>
    Effect.gen(function* () {
      const { defaults } = yield* MappingContext
      const derived = DERIVED.exec(product.productNumber)
      const id = derived?.[1] === undefined ? 0 : Number(derived[1])
      const name = pickLocale(product.title, defaults.locale)
      if (name === undefined)
        return yield* ParseResult.fail(new ParseResult.Type(ast, product, "a product needs a title"))
      const at = odooDatetimeOf(product.updatedAt)
      const units = new Set(product.variants.flatMap((v) => (v.weight === undefined ? [] : [v.weight.unit])))
      const [unit = "kg"] = units
      const category = product.categories[0]
      const productType = product.attributes.productType
      return {
        id,
        name,
        default_code: derived === null ? product.productNumber : false,
        description_sale: pickLocale(product.description, defaults.locale) ?? false,
        categ_id: category === undefined ? false : ([0, categoryName(category)] as const),
        type: typeof productType === "string" ? productType : "consu",
        sale_ok: product.status !== "draft",
        active: product.status !== "archived",
        weight_uom_name: unit,
        write_date: at,
        variants: product.variants.map((v) => {
          const barcode = v.attributes?.barcode
          return {
            id: 0,
            product_tmpl_id: [id, name] as const,
            default_code: v.sku,
            barcode: v.gtin ?? (typeof barcode === "string" ? barcode : false),
            weight: v.weight?.value ?? 0,
            active: v.status === "active",
            product_template_attribute_value_ids: [],
            write_date: at,
            options: v.options.map((o) => ({ attribute: o.name, value: o.value })),
          }
        }),
        changed_at: at,
      }
    }),
})

/** `product`: read from the products stream. */
export const productMapping = defineMapping<"product", typeof OdooProductSchema.Encoded, unknown>({
  entity: "product",
  read: productRead,
})
