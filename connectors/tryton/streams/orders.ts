/**
 * `orders` → canonical `order`: sales that left the draft (quotation onwards) with their lines
 * and addresses, so the hub learns each order's state in the ERP (confirmed, processing, done,
 * cancelled) and its shipment state. Incremental on the latest change of the sale and its lines
 * (confirming and shipping write the sale).
 */
import { Effect, Stream } from "effect"
import { type ConnectorContext, defineStream } from "../../../core/connector/define.ts"
import type { ConnectorError } from "../../../core/connector/errors.ts"
import { searchRead, type TrytonClient, trytonClient } from "../client.ts"
import type { TrytonConfig } from "../config.ts"
import { ADDRESS_FIELDS, AddressRecord } from "../schemas/party.ts"
import { SALE_FIELDS, SALE_LINE_FIELDS, SaleLineRecord, SaleRecord, type TrytonSale } from "../schemas/sale.ts"
import { changedAt } from "../schemas/values.ts"
import { type Changed, changedOfCursor, changedParents, loadInPages, pageSizeOf } from "./changes.ts"
import { latestInstant } from "./products.ts"

/** Quotations onwards: a draft is still being typed in. */
const PAST_DRAFT = ["state", "!=", "draft"] as const

/** Sales with lines and addresses, in the order of `changed`. */
export const loadSales = (
  client: TrytonClient,
  changed: ReadonlyArray<Changed>,
): Effect.Effect<ReadonlyArray<TrytonSale>, ConnectorError> =>
  Effect.gen(function* () {
    const ids = changed.map((c) => c.id)
    const sales = yield* searchRead(client, "sale.sale", SaleRecord, {
      domain: [["id", "in", ids], PAST_DRAFT],
      fields: SALE_FIELDS,
    })
    const lines = yield* searchRead(client, "sale.line", SaleLineRecord, {
      domain: [["sale", "in", ids]],
      fields: SALE_LINE_FIELDS,
      order: [
        ["sequence", "ASC"],
        ["id", "ASC"],
      ],
    })
    const addressIds = [...new Set(sales.flatMap((s) => [s.invoice_address, s.shipment_address]))].filter(
      (id): id is number => id !== null,
    )
    const addresses =
      addressIds.length === 0
        ? []
        : yield* searchRead(client, "party.address", AddressRecord, {
            domain: [["id", "in", addressIds]],
            fields: ADDRESS_FIELDS,
            context: { active_test: false },
          })
    const addressOf = (id: number | null) => addresses.find((a) => a.id === id) ?? null
    const byId = new Map(sales.map((s) => [s.id, s]))
    return changed.flatMap((c) => {
      const sale = byId.get(c.id)
      if (sale === undefined) return []
      const own = lines.filter((l) => l.sale === sale.id)
      return [
        {
          ...sale,
          lines: own,
          invoice: addressOf(sale.invoice_address),
          shipment: addressOf(sale.shipment_address),
          changed_at: c.at === "" ? latestInstant(changedAt(sale), own.map(changedAt)) : c.at,
        },
      ]
    })
  })

/** `orders`: sales past the draft, in (latest change of sale and lines, id) order. */
export const ordersStream = defineStream<TrytonConfig, TrytonSale>({
  entity: "order",
  description: "sale.sale (quotation onwards) with sale.line and invoice/shipment addresses; state and shipment state",
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
          { model: "sale.sale", domain: [PAST_DRAFT] },
          { model: "sale.line", domain: [["sale.state", "!=", "draft"]], parentField: "sale" },
        ],
        changedOfCursor(options.since),
        pageSize,
      ).pipe(Effect.map((parents) => loadInPages(parents, pageSize, (page) => loadSales(client, page)))),
    )
  },
  readByIds: (ctx, ids) =>
    loadSales(
      trytonClient(ctx),
      ids.map((id) => ({ id: Number(id), at: "" })),
    ),
})
