/**
 * `prices` → canonical `price`: each goods variant's sale price, which Tryton 6.0 keeps on the
 * template (`list_price`, in the company currency, without tax). Incremental like products: a
 * price change writes the template, so a template's change brings all its variants back.
 */
import { Effect, Stream } from "effect"
import { type ConnectorContext, defineStream } from "../../../core/connector/define.ts"
import type { ConnectorError } from "../../../core/connector/errors.ts"
import { searchRead, type TrytonClient, trytonClient } from "../client.ts"
import type { TrytonConfig } from "../config.ts"
import {
  TEMPLATE_FIELDS,
  TemplateRecord,
  type TrytonListPrice,
  VARIANT_FIELDS,
  VariantRecord,
} from "../schemas/product.ts"
import { changedAt } from "../schemas/values.ts"
import { type Changed, changedOfCursor, changedParents, loadInPages, pageSizeOf } from "./changes.ts"
import { GOODS, latestInstant, WITH_INACTIVE } from "./products.ts"

/** The variants of the changed templates, each with its template's price, in template order. */
const loadPrices = (
  client: TrytonClient,
  currency: string,
  changed: ReadonlyArray<Changed>,
): Effect.Effect<ReadonlyArray<TrytonListPrice>, ConnectorError> =>
  Effect.gen(function* () {
    const ids = changed.map((c) => c.id)
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
      return variants
        .filter((v) => v.template === template.id)
        .map((v) => ({
          id: v.id,
          template: template.id,
          code: v.code,
          list_price: template.list_price,
          currency,
          changed_at: c.at === "" ? latestInstant(changedAt(template), [changedAt(v)]) : c.at,
        }))
    })
  })

/** `prices`: the list price of every goods variant, in (latest change of its template, template id) order. */
export const pricesStream = defineStream<TrytonConfig, TrytonListPrice>({
  entity: "price",
  description: "product.template list_price, one record per product.product variant",
  incremental: true,
  idOf: (raw) => String(raw.id),
  // Variants of one template share its change; the template id keeps positions in stream order.
  positionOf: (raw) => ({ at: raw.changed_at, id: String(raw.template) }),
  read: (ctx: ConnectorContext<TrytonConfig>, options) => {
    const client = trytonClient(ctx)
    const pageSize = pageSizeOf(ctx.config.pageSize, options.pageSize)
    return Stream.unwrap(
      changedParents(
        client,
        [
          { model: "product.template", domain: [GOODS], context: WITH_INACTIVE },
          {
            model: "product.product",
            domain: [["template.type", "=", "goods"]],
            parentField: "template",
            context: WITH_INACTIVE,
          },
        ],
        changedOfCursor(options.since),
        pageSize,
      ).pipe(
        Effect.map((parents) =>
          loadInPages(parents, pageSize, (page) => loadPrices(client, ctx.config.currency, page)),
        ),
      ),
    )
  },
  readByIds: (ctx, ids) =>
    Effect.gen(function* () {
      const client = trytonClient(ctx)
      const variants = yield* searchRead(client, "product.product", VariantRecord, {
        domain: [["id", "in", ids.map(Number)]],
        fields: VARIANT_FIELDS,
        context: WITH_INACTIVE,
      })
      const templates = [...new Set(variants.map((v) => v.template))].map((id) => ({ id, at: "" }))
      const prices = yield* loadPrices(client, ctx.config.currency, templates)
      const wanted = new Set(ids.map(Number))
      return prices.filter((p) => wanted.has(p.id))
    }),
})
