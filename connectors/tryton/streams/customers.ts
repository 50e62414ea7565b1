/**
 * `customers` → canonical `customer`: parties with their addresses and contact mechanisms,
 * leaving out the parties of the companies themselves. Incremental on the latest change of the
 * party, its addresses and mechanisms (editing an e-mail writes the mechanism, not the party).
 */
import { Effect, Schema } from "effect"
import type { ConnectorError } from "../../../core/connector/errors.ts"
import { searchRead, type TrytonClient } from "../client.ts"
import {
  ADDRESS_FIELDS,
  AddressRecord,
  MECHANISM_FIELDS,
  MechanismRecord,
  PARTY_FIELDS,
  PartyRecord,
  type TrytonParty,
} from "../schemas/party.ts"
import { TrytonId } from "../schemas/values.ts"
import { changedAtOf, changedRecordsStream, IN_SEQUENCE, inChangedOrder } from "./changedRecords.ts"
import type { Changed } from "./changes.ts"

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
      order: IN_SEQUENCE,
    })
    const mechanisms = yield* searchRead(client, "party.contact_mechanism", MechanismRecord, {
      domain: [["party", "in", ids]],
      fields: MECHANISM_FIELDS,
      order: IN_SEQUENCE,
    })
    return inChangedOrder(changed, parties, (party, at) => {
      const own = {
        addresses: addresses.filter((a) => a.party === party.id),
        contact_mechanisms: mechanisms.filter((m) => m.party === party.id),
      }
      const children = [...own.addresses, ...own.contact_mechanisms]
      return [{ ...party, ...own, changed_at: changedAtOf(at, party, children) }]
    })
  })

/** `customers`: parties (not the companies') in (latest change, party id) order. */
export const customersStream = changedRecordsStream<TrytonParty>({
  entity: "customer",
  description: "party.party with party.address and party.contact_mechanism, companies' own parties left out",
  models: (client) =>
    companyParties(client).pipe(
      Effect.map((companies) => {
        const notCompany = [["id", "not in", companies]]
        const notCompanyOf = [["party", "not in", companies]]
        return [
          { model: "party.party", domain: notCompany, context: WITH_INACTIVE },
          { model: "party.address", domain: notCompanyOf, parentField: "party", context: WITH_INACTIVE },
          { model: "party.contact_mechanism", domain: notCompanyOf, parentField: "party", context: WITH_INACTIVE },
        ]
      }),
    ),
  load: loadParties,
})
