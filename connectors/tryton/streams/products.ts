/**
 * `products` → canonical `product`: goods templates (product.template) with their variants
 * (product.product). Incremental on the latest `write_date ?? create_date` of the template and
 * its variants (a price change writes the template only; a new variant writes the variant only).
 */
import { Effect } from "effect"
import type { ConnectorError } from "../../../core/connector/errors.ts"
import { searchRead, type TrytonClient } from "../client.ts"
import {
  TEMPLATE_FIELDS,
  TemplateRecord,
  type TrytonProduct,
  VARIANT_FIELDS,
  VariantRecord,
} from "../schemas/product.ts"
import { changedAtOf, changedRecordsStream, inChangedOrder } from "./changedRecords.ts"
import type { Changed, ChangeScan } from "./changes.ts"

/** Goods only: services (shipping, fees) are how Tryton books lines that are not goods. */
export const GOODS = ["type", "=", "goods"] as const
/** Inactive records too: an archived product is a product with status `archived`, not a gone one. */
export const WITH_INACTIVE = { active_test: false } as const

/** A goods template changes with itself and with any of its variants. */
export const GOODS_TEMPLATE_SCANS: ReadonlyArray<ChangeScan> = [
  { model: "product.template", domain: [GOODS], context: WITH_INACTIVE },
  {
    model: "product.product",
    domain: [["template.type", "=", "goods"]],
    parentField: "template",
    context: WITH_INACTIVE,
  },
]

/**
 * Goods templates with their variants, in the order of `changed`, each made into records by
 * `recordsOf` with the time of its change.
 */
export const loadTemplates = <Raw>(
  client: TrytonClient,
  changed: ReadonlyArray<Changed>,
  recordsOf: (template: TemplateRecord, variants: ReadonlyArray<VariantRecord>, at: string) => ReadonlyArray<Raw>,
): Effect.Effect<ReadonlyArray<Raw>, ConnectorError> =>
  Effect.gen(function* () {
    const ids = changed.map((c) => c.id)
    // search_read, not read: a template deleted since the scan is skipped, not an error.
    const templates = yield* searchRead(client, "product.template", TemplateRecord, {
      domain: [["id", "in", ids], GOODS],
      fields: TEMPLATE_FIELDS,
      context: WITH_INACTIVE,
    })
    const variants = yield* searchRead(client, "product.product", VariantRecord, {
      domain: [["template", "in", ids]],
      fields: VARIANT_FIELDS,
      context: WITH_INACTIVE,
    })
    return inChangedOrder(changed, templates, (template, at) =>
      recordsOf(
        template,
        variants.filter((v) => v.template === template.id),
        at,
      ),
    )
  })

/** Templates with their variants, in the order of `changed`. */
export const loadProducts = (
  client: TrytonClient,
  changed: ReadonlyArray<Changed>,
): Effect.Effect<ReadonlyArray<TrytonProduct>, ConnectorError> =>
  loadTemplates(client, changed, (template, variants, at) => [
    { ...template, variants, changed_at: changedAtOf(at, template, variants) },
  ])

/** `products`: goods templates with variants, in (latest change, template id) order. */
export const productsStream = changedRecordsStream<TrytonProduct>({
  entity: "product",
  description: "product.template (goods) with its product.product variants",
  models: GOODS_TEMPLATE_SCANS,
  load: loadProducts,
})
