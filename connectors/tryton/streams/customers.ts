/**
 * `customers` → canonical `customer`: parties with their addresses and contact mechanisms,
 * leaving out the parties of the companies themselves. Incremental on the latest change of the
 * party, its addresses and mechanisms (editing an e-mail writes the mechanism, not the party).
 */
import { Effect, Schema, Stream } from "effect"
import { type ConnectorContext, defineStream } from "../../../core/connector/define.ts"
import type { ConnectorError } from "../../../core/connector/errors.ts"
import { compareInstants } from "../../../core/model/index.ts"
import { searchRead, type TrytonClient, trytonClient } from "../client.ts"
import type { TrytonConfig } from "../config.ts"
import {
  ADDRESS_FIELDS,
  AddressRecord,
  MECHANISM_FIELDS,
  MechanismRecord,
  PARTY_FIELDS,
  PartyRecord,
  type TrytonParty,
} from "../schemas/party.ts"
import { changedAt, TrytonId } from "../schemas/values.ts"
import { type Changed, changedOfCursor, changedParents, loadInPages, pageSizeOf } from "./changes.ts"

const WITH_INACTIVE = { active_test: false } as const

/** The parties that are companies of this database: not customers. */
const companyParties = (client: TrytonClient) =>
  searchRead(client, "company.company", Schema.Struct({ id: TrytonId, party: TrytonId }), {
    domain: [],
    fields: ["party"],
  }).pipe(Effect.map((companies) => companies.map((c) => c.party)))

/** Parties with addresses and mechanisms, in the order of `changed`. */
export const loadParties = (
  client: TrytonClient,
  changed: ReadonlyArray<Changed>,
): Effect.Effect<ReadonlyArray<TrytonParty>, ConnectorError> =>
  Effect.gen(function* () {
    const ids = changed.map((c) => c.id)
    const parties = yield* searchRead(client, "party.party", PartyRecord, {
      domain: [["id", "in", ids]],
      fields: PARTY_FIELDS,
      context: WITH_INACTIVE,
    })
    const addresses = yield* searchRead(client, "party.address", AddressRecord, {
      domain: [["party", "in", ids]],
      fields: ADDRESS_FIELDS,
      order: [
        ["sequence", "ASC"],
        ["id", "ASC"],
      ],
    })
    const mechanisms = yield* searchRead(client, "party.contact_mechanism", MechanismRecord, {
      domain: [["party", "in", ids]],
      fields: MECHANISM_FIELDS,
      order: [
        ["sequence", "ASC"],
        ["id", "ASC"],
      ],
    })
    const byId = new Map(parties.map((p) => [p.id, p]))
    return changed.flatMap((c) => {
      const party = byId.get(c.id)
      if (party === undefined) return []
      const own = {
        addresses: addresses.filter((a) => a.party === party.id),
        contact_mechanisms: mechanisms.filter((m) => m.party === party.id),
      }
      const at =
        c.at !== ""
          ? c.at
          : [...own.addresses, ...own.contact_mechanisms]
              .map(changedAt)
              .reduce((max, t) => (compareInstants(t, max) > 0 ? t : max), changedAt(party))
      return [{ ...party, ...own, changed_at: at }]
    })
  })

/** `customers`: parties (not the companies') in (latest change, party id) order. */
export const customersStream = defineStream<TrytonConfig, TrytonParty>({
  entity: "customer",
  description: "party.party with party.address and party.contact_mechanism, companies' own parties left out",
  incremental: true,
  idOf: (raw) => String(raw.id),
  positionOf: (raw) => ({ at: raw.changed_at, id: String(raw.id) }),
  read: (ctx: ConnectorContext<TrytonConfig>, options) => {
    const client = trytonClient(ctx)
    const pageSize = pageSizeOf(ctx.config.pageSize, options.pageSize)
    return Stream.unwrap(
      Effect.gen(function* () {
        const companies = yield* companyParties(client)
        const notCompany = [["id", "not in", companies]]
        const notCompanyOf = [["party", "not in", companies]]
        const parents = yield* changedParents(
          client,
          [
            { model: "party.party", domain: notCompany, context: WITH_INACTIVE },
            { model: "party.address", domain: notCompanyOf, parentField: "party", context: WITH_INACTIVE },
            { model: "party.contact_mechanism", domain: notCompanyOf, parentField: "party", context: WITH_INACTIVE },
          ],
          changedOfCursor(options.since),
          pageSize,
        )
        return loadInPages(parents, pageSize, (page) => loadParties(client, page))
      }),
    )
  },
  readByIds: (ctx, ids) =>
    loadParties(
      trytonClient(ctx),
      ids.map((id) => ({ id: Number(id), at: "" })),
    ),
})
