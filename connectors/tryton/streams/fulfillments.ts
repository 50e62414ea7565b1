/**
 * `fulfillments` → canonical `fulfillment`: done customer shipments (stock.shipment.out) with
 * the quantities their outgoing moves shipped and the sales those moves come from (move
 * `origin` = `sale.line,<id>`). Incremental on the shipment's `write_date ?? create_date`,
 * which `done` moves.
 */
import { Effect, Schema } from "effect"
import type { ConnectorError } from "../../../core/connector/errors.ts"
import { searchRead, type TrytonClient } from "../client.ts"
import { MOVE_FIELDS, MoveRecord, SHIPMENT_FIELDS, ShipmentRecord, type TrytonShipment } from "../schemas/shipment.ts"
import { Char, TrytonId } from "../schemas/values.ts"
import { changedAtOf, changedRecordsStream, inChangedOrder } from "./changedRecords.ts"
import type { Changed } from "./changes.ts"

const DONE = ["state", "=", "done"] as const
const SaleLine = Schema.Struct({
  id: TrytonId,
  sale: TrytonId,
  "sale.": Schema.Struct({ id: TrytonId, number: Char, reference: Char }),
})

const saleLineId = (origin: string | null): number | undefined => {
  const match = /^sale\.line,(\d+)$/.exec(origin ?? "")
  return match === null ? undefined : Number(match[1])
}

/** Done shipments with moves and sales, in the order of `changed`. */
export const loadShipments = (
  client: TrytonClient,
  changed: ReadonlyArray<Changed>,
): Effect.Effect<ReadonlyArray<TrytonShipment>, ConnectorError> =>
  Effect.gen(function* () {
    const shipments = yield* searchRead(client, "stock.shipment.out", ShipmentRecord, {
      domain: [["id", "in", changed.map((c) => c.id)], DONE],
      fields: SHIPMENT_FIELDS,
    })
    const moveIds = shipments.flatMap((s) => s.outgoing_moves)
    const moves =
      moveIds.length === 0
        ? []
        : yield* searchRead(client, "stock.move", MoveRecord, { domain: [["id", "in", moveIds]], fields: MOVE_FIELDS })
    const lineIds = [...new Set(moves.flatMap((m) => saleLineId(m.origin) ?? []))]
    const lines =
      lineIds.length === 0
        ? []
        : yield* searchRead(client, "sale.line", SaleLine, {
            domain: [["id", "in", lineIds]],
            fields: ["sale", "sale.number", "sale.reference"],
          })
    const saleOfLine = new Map(lines.map((l) => [l.id, l["sale."]]))
    return inChangedOrder(changed, shipments, (shipment, at): ReadonlyArray<TrytonShipment> => {
      const own = moves.filter((m) => shipment.outgoing_moves.includes(m.id))
      const sales = new Map<number, { id: number; number: string | null; reference: string | null }>()
      for (const move of own) {
        const sale = saleOfLine.get(saleLineId(move.origin) ?? 0)
        if (sale !== undefined) sales.set(sale.id, sale)
      }
      return [
        {
          id: shipment.id,
          number: shipment.number,
          reference: shipment.reference,
          state: shipment.state,
          effective_date: shipment.effective_date,
          warehouse_code: shipment["warehouse."]?.code ?? null,
          moves: own
            .sort((a, b) => a.id - b.id)
            .map((m) => ({
              id: m.id,
              product: m.product,
              code: m["product."]?.code ?? null,
              quantity: m.quantity,
              state: m.state,
            })),
          sales: [...sales.values()],
          changed_at: changedAtOf(at, shipment, []),
        },
      ]
    })
  })

/** `fulfillments`: done customer shipments in (write_date ?? create_date, id) order. */
export const fulfillmentsStream = changedRecordsStream<TrytonShipment>({
  entity: "fulfillment",
  description: "stock.shipment.out (done) with its outgoing moves and the sales they come from",
  models: [{ model: "stock.shipment.out", domain: [DONE] }],
  load: loadShipments,
})
