/**
 * `orders` → canonical `order`: sales that left the draft (quotation onwards) with their lines
 * and addresses, so the hub learns each order's state in the ERP (confirmed, processing, done,
 * cancelled) and its shipment state. Incremental on the latest change of the sale and its lines
 * (confirming and shipping write the sale).
 */
import { Effect } from "effect"
import type { ConnectorError } from "../../../core/connector/errors.ts"
import { searchRead, type TrytonClient } from "../client.ts"
import { ADDRESS_FIELDS, AddressRecord } from "../schemas/party.ts"
import { SALE_FIELDS, SALE_LINE_FIELDS, SaleLineRecord, SaleRecord, type TrytonSale } from "../schemas/sale.ts"
import { changedAtOf, changedRecordsStream, IN_SEQUENCE, inChangedOrder } from "./changedRecords.ts"
import type { Changed } from "./changes.ts"

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
      order: IN_SEQUENCE,
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
    return inChangedOrder(changed, sales, (sale, at) => {
      const own = lines.filter((l) => l.sale === sale.id)
      return [
        {
          ...sale,
          lines: own,
          invoice: addressOf(sale.invoice_address),
          shipment: addressOf(sale.shipment_address),
          changed_at: changedAtOf(at, sale, own),
        },
      ]
    })
  })

/** `orders`: sales past the draft, in (latest change of sale and lines, id) order. */
export const ordersStream = changedRecordsStream<TrytonSale>({
  entity: "order",
  description: "sale.sale (quotation onwards) with sale.line and invoice/shipment addresses; state and shipment state",
  models: [
    { model: "sale.sale", domain: [PAST_DRAFT] },
    { model: "sale.line", domain: [["sale.state", "!=", "draft"]], parentField: "sale" },
  ],
  load: loadSales,
})
