/**
 * `product` ⇄ a product.template with its variants (the products stream's record).
 * Product number: the configured product number field (`productNumberField`) when set on the
 * template, else the template's Internal Reference when it has one (Odoo sets it only on
 * single-variant templates), else `odoo-tmpl-<id>`, stable for the template's life. SKU: the
 * variant's Internal Reference; a variant without one cannot be sold anywhere and fails here.
 */
import { Array as Arr, ParseResult } from "effect"
import { type OdooProduct, OdooProduct as OdooProductSchema } from "../../connectors/odoo/schemas/product.ts"
import { defineMapping, mappingTransform } from "../../core/mapping/index.ts"
import { Product, type ProductStatus, pickLocale, textIn, type Variant } from "../../core/model/index.ts"
import { instantOf, issueAt, odooDatetimeOf, textOf } from "./odooValues.ts"

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
const categoryPath = (completeName: string) => completeName.replaceAll(" / ", "/")
const categoryName = (path: string) => path.split("/").join(" / ")

const statusOf = (raw: OdooProduct): ProductStatus => (!raw.active ? "archived" : raw.sale_ok ? "active" : "draft")

type ProductEncoded = typeof Product.Encoded
/** A record built key by key, in the schema's key order (so the fast path passes it on without a copy). */
type Building<A> = { -readonly [K in keyof A]?: A[K] }

/**
 * OdooProduct ⇄ Product. The bodies return Eithers (`ParseResult.succeed`/`fail`): the compiled
 * fast path runs them without the Effect runtime, once per record.
 */
export const productRead = mappingTransform(OdooProductSchema, Product, {
  decode: (raw, { defaults }, ast) => {
    const uomName = textOf(raw.weight_uom_name)
    const unit = uomName === undefined ? "kg" : WEIGHT_UNITS[uomName]
    const variants: Array<Variant> = []
    for (let index = 0; index < raw.variants.length; index++) {
      const v = raw.variants[index] as OdooProduct["variants"][number]
      const sku = textOf(v.default_code)
      if (sku === undefined) {
        const options = v.options.map((o) => `${o.attribute}: ${o.value}`).join(", ")
        return ParseResult.fail(
          issueAt(
            ast,
            raw,
            ["variants", index, "default_code"],
            `variant ${v.id}${options === "" ? "" : ` (${options})`} of "${raw.name}" has no Internal Reference (default_code); set one in Odoo, it is the SKU`,
          ),
        )
      }
      if (v.weight > 0 && unit === undefined) {
        return ParseResult.fail(
          issueAt(ast, raw, ["weight_uom_name"], `unknown weight unit "${uomName}"; expected kg, g, lb or oz`),
        )
      }
      const barcode = textOf(v.barcode)
      const isGtin = barcode !== undefined && GTIN.test(barcode)
      const options = v.options.map((o) => ({ name: o.attribute, value: o.value }))
      const status = raw.active && v.active ? "active" : "archived"
      const weight = v.weight > 0 && unit !== undefined ? { value: v.weight, unit } : undefined
      // Whole literals, in the schema's key order, one per shape the common records have: a field
      // added to a literal afterwards goes to a separate store, allocated for every variant.
      let variant: Building<Variant>
      if (isGtin) {
        variant =
          weight === undefined
            ? { sku, gtin: barcode, options, status, position: index }
            : { sku, gtin: barcode, options, weight, status, position: index }
      } else {
        variant = { sku, options }
        if (weight !== undefined) variant.weight = weight
        variant.status = status
        variant.position = index
        // A barcode that is no GTIN (an internal label) is kept, but not as a GTIN.
        if (barcode !== undefined) variant.attributes = { barcode }
      }
      variants.push(variant as Variant)
    }
    if (!Arr.isNonEmptyArray(variants)) {
      return ParseResult.fail(issueAt(ast, raw, ["variants"], `"${raw.name}" has no variants`))
    }
    const description = textOf(raw.description_sale)
    const productNumber = textOf(raw.product_number ?? false) ?? textOf(raw.default_code) ?? `odoo-tmpl-${raw.id}`
    const title = textIn(defaults.locale, raw.name)
    const categories = raw.categ_id === false ? [] : [categoryPath(raw.categ_id[1])]
    const status = statusOf(raw)
    const attributes = { productType: raw.type }
    const updatedAt = instantOf(raw.changed_at)
    // One literal per shape, in the schema's key order (see the variants above).
    const product: ProductEncoded =
      description === undefined
        ? { productNumber, title, categories, media: [], status, attributes, variants, updatedAt }
        : {
            productNumber,
            title,
            description: textIn(defaults.locale, description),
            categories,
            media: [],
            status,
            attributes,
            variants,
            updatedAt,
          }
    return ParseResult.succeed(product)
  },
  encode: (product, { defaults }, ast) => {
    const derived = DERIVED.exec(product.productNumber)
    const id = derived?.[1] === undefined ? 0 : Number(derived[1])
    const name = pickLocale(product.title, defaults.locale)
    if (name === undefined) return ParseResult.fail(new ParseResult.Type(ast, product, "a product needs a title"))
    const at = odooDatetimeOf(product.updatedAt)
    const units = new Set(product.variants.flatMap((v) => (v.weight === undefined ? [] : [v.weight.unit])))
    const [unit = "kg"] = units
    const category = product.categories[0]
    const productType = product.attributes.productType
    return ParseResult.succeed({
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
    })
  },
})

/** `product`: read from the products stream. */
export const productMapping = defineMapping<"product", typeof OdooProductSchema.Encoded, unknown>({
  entity: "product",
  read: productRead,
})
