/**
 * `products` → canonical `product`: product templates with their variants, the variants'
 * attribute values as options. Incremental over the template's and its variants' write_date
 * (see changeSet.ts for why a variant change must move its template).
 */
import { Effect, Schema, Stream } from "effect"
import { type ConnectorContext, defineStream } from "../../../core/connector/define.ts"
import type { ConnectorError } from "../../../core/connector/errors.ts"
import { type OdooClient, odooClient } from "../client.ts"
import type { OdooConfig } from "../config.ts"
import { Many2oneRef, OdooDatetime, OdooId } from "../schemas/fields.ts"
import {
  ATTRIBUTE_VALUE_FIELDS,
  AttributeValueRecord,
  type OdooProduct,
  ProductTemplateRecord,
  ProductVariantRecord,
  TEMPLATE_FIELDS,
  VARIANT_FIELDS,
} from "../schemas/product.ts"
import { byParentId, type ChangedParent, changedParents, loadInPages } from "./changeSet.ts"
import {
  cursorOf,
  GOODS,
  latestWriteDate,
  pageSizeOf,
  positionFromCursor,
  searchRead,
  WITH_ARCHIVED,
} from "./keyset.ts"

const TemplateChange = Schema.Struct({ id: OdooId, write_date: OdooDatetime })
// A template with whatever custom fields were asked for besides TEMPLATE_FIELDS.
const TemplateWithCustom = Schema.Struct(
  ProductTemplateRecord.fields,
  Schema.Record({ key: Schema.String, value: Schema.Unknown }),
)

/** A custom char field's value as Odoo renders it: the text, or `false` when empty (or not text). */
const charValue = (value: unknown): string | false => (typeof value === "string" ? value : false)
const VariantChange = Schema.Struct({ id: OdooId, product_tmpl_id: Many2oneRef, write_date: OdooDatetime })

/** Templates (with variants, options and category) of the given parents, in their order. */
const loadProducts = (
  client: OdooClient,
  ctx: ConnectorContext<OdooConfig>,
  parents: ReadonlyArray<ChangedParent>,
): Effect.Effect<ReadonlyArray<OdooProduct>, ConnectorError> =>
  Effect.gen(function* () {
    const { system } = ctx
    const numberField = ctx.config.productNumberField
    const ids = parents.map((p) => p.key)
    // search_read rather than read: a template deleted since the scan is skipped, not a MissingError.
    // A configured field Odoo does not have fails the read with Odoo's "Invalid field" error.
    const templates = yield* searchRead(client, system, "product.template", TemplateWithCustom, {
      domain: [["id", "in", ids], GOODS],
      fields: numberField === undefined ? TEMPLATE_FIELDS : [...TEMPLATE_FIELDS, numberField],
      context: WITH_ARCHIVED,
    })
    const variants = yield* searchRead(client, system, "product.product", ProductVariantRecord, {
      domain: [["product_tmpl_id", "in", ids]],
      fields: VARIANT_FIELDS,
      context: WITH_ARCHIVED,
    })
    const valueIds = [...new Set(variants.flatMap((v) => v.product_template_attribute_value_ids))]
    const values =
      valueIds.length === 0
        ? []
        : yield* searchRead(client, system, "product.template.attribute.value", AttributeValueRecord, {
            domain: [["id", "in", valueIds]],
            fields: ATTRIBUTE_VALUE_FIELDS,
            context: WITH_ARCHIVED,
          })
    const valueById = new Map(values.map((v) => [v.id, v]))
    const templateById = new Map(templates.map((t) => [t.id, t]))
    return parents.flatMap((parent) => {
      const template = templateById.get(parent.key)
      if (template === undefined) return []
      const own = variants
        .filter((v) => v.product_tmpl_id[0] === template.id)
        .sort((a, b) => a.id - b.id)
        .map((variant) => ({
          ...variant,
          options: variant.product_template_attribute_value_ids.flatMap((id) => {
            const value = valueById.get(id)
            return value === undefined ? [] : [{ attribute: value.attribute_id[1], value: value.name }]
          }),
        }))
      const { id, name, default_code, description_sale, categ_id, type, sale_ok, active, weight_uom_name, write_date } =
        template
      return [
        {
          id,
          name,
          default_code,
          description_sale,
          categ_id,
          type,
          sale_ok,
          active,
          weight_uom_name,
          write_date,
          ...(numberField === undefined ? {} : { product_number: charValue(template[numberField]) }),
          variants: own,
          changed_at: parent.changedAt,
        },
      ]
    })
  })

/** `products`: templates with variants, in (latest write_date of template and variants, id) order. */
export const productsStream = defineStream<OdooConfig, OdooProduct>({
  entity: "product",
  description: "product.template with its product.product variants and attribute values",
  incremental: true,
  idOf: (raw) => String(raw.id),
  positionOf: (raw) => cursorOf(raw.changed_at, raw.id),
  read: (ctx: ConnectorContext<OdooConfig>, options) => {
    const client = odooClient(ctx)
    const pageSize = pageSizeOf(ctx.config, options)
    const since = positionFromCursor(options.since)
    return Stream.unwrap(
      changedParents(
        client,
        ctx.system,
        [
          {
            model: "product.template",
            domain: [GOODS],
            fields: [],
            schema: TemplateChange,
            parentsOf: (t: typeof TemplateChange.Type) => [t.id],
            tieBreakOf: byParentId,
            context: WITH_ARCHIVED,
          },
          {
            model: "product.product",
            domain: [GOODS],
            fields: ["product_tmpl_id"],
            schema: VariantChange,
            parentsOf: (v: typeof VariantChange.Type) => [v.product_tmpl_id[0]],
            tieBreakOf: byParentId,
            context: WITH_ARCHIVED,
          },
        ],
        since,
        pageSize,
      ).pipe(Effect.map((parents) => loadInPages(parents, pageSize, (page) => loadProducts(client, ctx, page)))),
    )
  },
  readByIds: (ctx, ids) =>
    loadProducts(
      odooClient(ctx),
      ctx,
      ids.map((id) => ({ key: Number(id), changedAt: "", tieBreak: Number(id) })),
    ).pipe(
      Effect.map((products) => products.map((p) => ({ ...p, changed_at: latestWriteDate(p.write_date, p.variants) }))),
    ),
})
