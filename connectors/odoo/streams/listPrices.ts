/**
 * `listPrices` → canonical `price`: each variant's sales price (`lst_price`, the template's
 * `list_price` plus its attribute values' extras) on the system's default price list.
 * Incremental over the variant's and its template's write_date, since a price is set on the
 * template (see changeSet.ts).
 */
import { Effect, Schema, Stream } from "effect"
import { defineStream } from "../../../core/connector/define.ts"
import type { ConnectorError } from "../../../core/connector/errors.ts"
import { type OdooClient, odooClient } from "../client.ts"
import type { OdooConfig } from "../config.ts"
import { OdooDatetime, OdooId, X2many } from "../schemas/fields.ts"
import { LIST_PRICE_FIELDS, OdooListPrice } from "../schemas/price.ts"
import { byParentId, type ChangedParent, changedParents, loadInPages } from "./changeSet.ts"
import { cursorOf, GOODS, pageSizeOf, positionFromCursor, searchRead } from "./keyset.ts"
import { pricesIncludeTax } from "./taxInclusion.ts"

const VariantChange = Schema.Struct({ id: OdooId, write_date: OdooDatetime })
const TemplateChange = Schema.Struct({ id: OdooId, product_variant_ids: X2many, write_date: OdooDatetime })
const ListPriceRecord = Schema.Struct({ ...OdooListPrice.omit("changed_at", "tax_included").fields, taxes_id: X2many })

const loadPrices = (
  client: OdooClient,
  ctx: { readonly system: string; readonly config: OdooConfig },
  parents: ReadonlyArray<ChangedParent>,
): Effect.Effect<ReadonlyArray<OdooListPrice>, ConnectorError> =>
  Effect.gen(function* () {
    const records = yield* searchRead(client, ctx.system, "product.product", ListPriceRecord, {
      domain: [["id", "in", parents.map((p) => p.key)], GOODS],
      fields: [...LIST_PRICE_FIELDS, "taxes_id"],
    })
    const included = yield* pricesIncludeTax(
      client,
      ctx.system,
      ctx.config,
      records.map((r) => r.taxes_id),
    )
    const byId = new Map(
      records.map(({ taxes_id: _taxes, ...r }, i) => [r.id, { ...r, tax_included: included[i] === true }]),
    )
    return parents.flatMap((parent) => {
      const record = byId.get(parent.key)
      return record === undefined ? [] : [{ ...record, changed_at: parent.changedAt || record.write_date }]
    })
  })

/** `listPrices`: variants' sales prices, in (latest write_date of variant and template, id) order. */
export const listPricesStream = defineStream<OdooConfig, OdooListPrice>({
  entity: "price",
  description: "product.product sales price (lst_price) on the default price list",
  incremental: true,
  idOf: (raw) => String(raw.id),
  positionOf: (raw) => cursorOf(raw.changed_at, raw.id),
  read: (ctx, options) => {
    const client = odooClient(ctx)
    const pageSize = pageSizeOf(ctx.config, options)
    return Stream.unwrap(
      changedParents(
        client,
        ctx.system,
        [
          {
            model: "product.product",
            domain: [GOODS],
            fields: [],
            schema: VariantChange,
            parentsOf: (v: typeof VariantChange.Type) => [v.id],
            tieBreakOf: byParentId,
          },
          {
            model: "product.template",
            domain: [GOODS],
            fields: ["product_variant_ids"],
            schema: TemplateChange,
            parentsOf: (t: typeof TemplateChange.Type) => t.product_variant_ids,
            tieBreakOf: byParentId,
          },
        ],
        positionFromCursor(options.since),
        pageSize,
      ).pipe(Effect.map((parents) => loadInPages(parents, pageSize, (page) => loadPrices(client, ctx, page)))),
    )
  },
  readByIds: (ctx, ids) =>
    loadPrices(
      odooClient(ctx),
      ctx,
      ids.map((id) => ({ key: Number(id), changedAt: "", tieBreak: Number(id) })),
    ),
})
