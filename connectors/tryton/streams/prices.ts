/**
 * `prices` → canonical `price`: each goods variant's sale price, which Tryton 6.0 keeps on the
 * template (`list_price`, in the company currency, without tax). Incremental like products: a
 * price change writes the template, so a template's change brings all its variants back.
 */
import { Effect } from "effect"
import type { ConnectorError } from "../../../core/connector/errors.ts"
import { searchRead, type TrytonClient, trytonClient } from "../client.ts"
import { type TrytonListPrice, VARIANT_FIELDS, VariantRecord } from "../schemas/product.ts"
import { changedAtOf, changedRecordsStream, unscanned } from "./changedRecords.ts"
import type { Changed } from "./changes.ts"
import { GOODS_TEMPLATE_SCANS, loadTemplates, WITH_INACTIVE } from "./products.ts"

/** The variants of the changed templates, each with its template's price, in template order. */
const loadPrices = (
  client: TrytonClient,
  currency: string,
  changed: ReadonlyArray<Changed>,
): Effect.Effect<ReadonlyArray<TrytonListPrice>, ConnectorError> =>
  loadTemplates(client, changed, (template, variants, at) =>
    variants.map((v) => ({
      id: v.id,
      template: template.id,
      code: v.code,
      list_price: template.list_price,
      currency,
      changed_at: changedAtOf(at, template, [v]),
    })),
  )

/** `prices`: the list price of every goods variant, in (latest change of its template, template id) order. */
export const pricesStream = changedRecordsStream<TrytonListPrice>({
  entity: "price",
  description: "product.template list_price, one record per product.product variant",
  models: GOODS_TEMPLATE_SCANS,
  load: (client, changed, config) => loadPrices(client, config.currency, changed),
  // Variants of one template share its change; the template id keeps positions in stream order.
  positionOf: (raw) => ({ at: raw.changed_at, id: String(raw.template) }),
  // The ids are variants' while the stream's parents are templates.
  readByIds: (ctx, ids) =>
    Effect.gen(function* () {
      const client = trytonClient(ctx)
      const variants = yield* searchRead(client, "product.product", VariantRecord, {
        domain: [["id", "in", ids.map(Number)]],
        fields: VARIANT_FIELDS,
        context: WITH_INACTIVE,
      })
      const templates = unscanned([...new Set(variants.map((v) => v.template))])
      const prices = yield* loadPrices(client, ctx.config.currency, templates)
      const wanted = new Set(ids.map(Number))
      return prices.filter((p) => wanted.has(p.id))
    }),
})
