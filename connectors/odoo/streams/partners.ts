/**
 * `partners` → canonical `customer`: commercial partners that are customers (a company, or a
 * person without one, `customer_rank > 0`) with their child contacts and addresses. A changed
 * child address moves its company (see changeSet.ts).
 */
import { Effect, Schema, Stream } from "effect"
import { defineStream } from "../../../core/connector/define.ts"
import type { ConnectorError } from "../../../core/connector/errors.ts"
import { type OdooClient, odooClient } from "../client.ts"
import type { OdooConfig } from "../config.ts"
import { Many2oneRef, OdooDatetime, OdooId } from "../schemas/fields.ts"
import { type OdooCustomer, PARTNER_FIELDS, PartnerRecord } from "../schemas/partner.ts"
import { byParentId, type ChangedParent, changedParents, loadInPages } from "./changeSet.ts"
import { cursorOf, latestWriteDate, pageSizeOf, positionFromCursor, searchRead } from "./keyset.ts"

const CUSTOMERS = [
  ["parent_id", "=", false],
  ["customer_rank", ">", 0],
]

const PartnerChange = Schema.Struct({ id: OdooId, write_date: OdooDatetime })
const ChildChange = Schema.Struct({ id: OdooId, commercial_partner_id: Many2oneRef, write_date: OdooDatetime })

const loadCustomers = (
  client: OdooClient,
  system: string,
  parents: ReadonlyArray<ChangedParent>,
): Effect.Effect<ReadonlyArray<OdooCustomer>, ConnectorError> =>
  Effect.gen(function* () {
    const ids = parents.map((p) => p.key)
    const partners = yield* searchRead(client, system, "res.partner", PartnerRecord, {
      domain: [["id", "in", ids], ...CUSTOMERS],
      fields: PARTNER_FIELDS,
    })
    const children = yield* searchRead(client, system, "res.partner", PartnerRecord, {
      domain: [["parent_id", "in", ids]],
      fields: PARTNER_FIELDS,
    })
    const byId = new Map(partners.map((p) => [p.id, p]))
    return parents.flatMap((parent) => {
      const partner = byId.get(parent.key)
      if (partner === undefined) return []
      const own = children
        .filter((c) => c.parent_id !== false && c.parent_id[0] === partner.id)
        .sort((a, b) => a.id - b.id)
      return [{ ...partner, children: own, changed_at: parent.changedAt || latestWriteDate(partner.write_date, own) }]
    })
  })

/** `partners`: customers with their children, in (latest write_date, id) order. */
export const partnersStream = defineStream<OdooConfig, OdooCustomer>({
  entity: "customer",
  description: "res.partner customers with their contacts and addresses",
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
            model: "res.partner",
            domain: CUSTOMERS,
            fields: [],
            schema: PartnerChange,
            parentsOf: (p: typeof PartnerChange.Type) => [p.id],
            tieBreakOf: byParentId,
          },
          {
            model: "res.partner",
            domain: [["parent_id", "!=", false]],
            fields: ["commercial_partner_id"],
            schema: ChildChange,
            parentsOf: (c: typeof ChildChange.Type) => [c.commercial_partner_id[0]],
            tieBreakOf: byParentId,
          },
        ],
        positionFromCursor(options.since),
        pageSize,
      ).pipe(
        Effect.map((parents) => loadInPages(parents, pageSize, (page) => loadCustomers(client, ctx.system, page))),
      ),
    )
  },
  readByIds: (ctx, ids) =>
    loadCustomers(
      odooClient(ctx),
      ctx.system,
      ids.map((id) => ({ key: Number(id), changedAt: "", tieBreak: Number(id) })),
    ),
})
