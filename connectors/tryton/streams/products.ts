/**
 * `products` → canonical `product`: goods templates (product.template) with their variants
 * (product.product). Incremental on the latest `write_date ?? create_date` of the template and
 * its variants (a price change writes the template only; a new variant writes the variant only).
 */
import { Effect, Stream } from "effect"
import { type ConnectorContext, defineStream } from "../../../core/connector/define.ts"
import type { ConnectorError } from "../../../core/connector/errors.ts"
import { compareInstants } from "../../../core/model/index.ts"
import { searchRead, type TrytonClient, trytonClient } from "../client.ts"
import type { TrytonConfig } from "../config.ts"
import {
  TEMPLATE_FIELDS,
  TemplateRecord,
  type TrytonProduct,
  VARIANT_FIELDS,
  VariantRecord,
} from "../schemas/product.ts"
import { changedAt } from "../schemas/values.ts"
import { type Changed, changedOfCursor, changedParents, loadInPages, pageSizeOf } from "./changes.ts"

/** Goods only: services (shipping, fees) are how Tryton books lines that are not goods. */
export const GOODS = ["type", "=", "goods"] as const
const VARIANT_OF_GOODS = ["template.type", "=", "goods"] as const
/** Inactive records too: an archived product is a product with status `archived`, not a gone one. */
export const WITH_INACTIVE = { active_test: false } as const

/** The latest of instants (string order is wrong for them: `…:19Z` sorts after `…:19.5Z`). */
export const latestInstant = (first: string, others: ReadonlyArray<string>): string =>
  others.reduce((max, at) => (compareInstants(at, max) > 0 ? at : max), first)

/** Templates with their variants, in the order of `changed`. */
export const loadProducts = (
  client: TrytonClient,
  changed: ReadonlyArray<Changed>,
): Effect.Effect<ReadonlyArray<TrytonProduct>, ConnectorError> =>
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
    const byId = new Map(templates.map((t) => [t.id, t]))
    return changed.flatMap((c) => {
      const template = byId.get(c.id)
      if (template === undefined) return []
      const own = variants.filter((v) => v.template === template.id)
      return [{ ...template, variants: own, changed_at: c.at }]
    })
  })

/** `products`: goods templates with variants, in (latest change, template id) order. */
export const productsStream = defineStream<TrytonConfig, TrytonProduct>({
  entity: "product",
  description: "product.template (goods) with its product.product variants",
  incremental: true,
  idOf: (raw) => String(raw.id),
  positionOf: (raw) => ({ at: raw.changed_at, id: String(raw.id) }),
  read: (ctx: ConnectorContext<TrytonConfig>, options) => {
    const client = trytonClient(ctx)
    const pageSize = pageSizeOf(ctx.config.pageSize, options.pageSize)
    return Stream.unwrap(
      changedParents(
        client,
        [
          { model: "product.template", domain: [GOODS], context: WITH_INACTIVE },
          { model: "product.product", domain: [VARIANT_OF_GOODS], parentField: "template", context: WITH_INACTIVE },
        ],
        changedOfCursor(options.since),
        pageSize,
      ).pipe(Effect.map((parents) => loadInPages(parents, pageSize, (page) => loadProducts(client, page)))),
    )
  },
  readByIds: (ctx, ids) =>
    loadProducts(
      trytonClient(ctx),
      ids.map((id) => ({ id: Number(id), at: "" })),
    ).pipe(
      Effect.map((products) =>
        products.map((p) => ({ ...p, changed_at: latestInstant(changedAt(p), p.variants.map(changedAt)) })),
      ),
    ),
})
