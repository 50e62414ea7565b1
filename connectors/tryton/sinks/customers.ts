/**
 * `customers` ← canonical `customer`: creates parties (code = customer number when the hub has
 * one, else Tryton's sequence numbers it) with their addresses and e-mail/phone mechanisms, or
 * updates the one the hub knows: its name, and addresses or mechanisms it lacks (never removing
 * what Tryton has). Link-before-create finds a party by code, then by e-mail.
 */
import { Effect, Schema } from "effect"
import { defineSink, type WriteOutcome } from "../../../core/connector/define.ts"
import { normalizeEmail } from "../../../core/model/index.ts"
import { searchRead, trytonClient } from "../client.ts"
import type { TrytonConfig } from "../config.ts"
import type { PartyPayload } from "../schemas/party.ts"
import { Char, Many2one, TrytonId } from "../schemas/values.ts"
import { callOnAll, createAll, rejected, type Target, type Written } from "./batch.ts"
import { addressVals, isSameAddress, isUnwritable, mechanismVals } from "./partyValues.ts"
import { countriesByCode, partiesByCodeOrEmail } from "./references.ts"

const outcome = (written: Written, action: "created" | "updated"): WriteOutcome =>
  written.ok
    ? { naturalKey: written.key, ok: true, externalId: String(written.id), action }
    : { naturalKey: written.key, ok: false, error: written.error }

const KnownAddress = Schema.Struct({
  id: TrytonId,
  party: TrytonId,
  street: Char,
  postal_code: Char,
  city: Char,
  country: Many2one,
})
const KnownMechanism = Schema.Struct({ id: TrytonId, party: TrytonId, type: Schema.String, value: Char })

/** Finds parties for `no:<code>` and `email:<address>` keys. */
export const lookupParties = (target: Target, naturalKeys: ReadonlyArray<string>) =>
  Effect.gen(function* () {
    const codes = naturalKeys.flatMap((k) => (k.startsWith("no:") ? [k.slice(3)] : []))
    const emails = naturalKeys.flatMap((k) => (k.startsWith("email:") ? [k.slice(6)] : []))
    const { byCode, byEmail } = yield* partiesByCodeOrEmail(target.client, codes, emails)
    const found = new Map<string, string>()
    for (const key of naturalKeys) {
      const id = key.startsWith("no:") ? byCode.get(key.slice(3)) : byEmail.get(normalizeEmail(key.slice(6)))
      if (id !== undefined) found.set(key, String(id))
    }
    return found
  })

/** Customers → party.party with addresses and contact mechanisms. */
export const customersSink = defineSink<TrytonConfig, PartyPayload>({
  entity: "customer",
  description: "party.party with party.address and e-mail/phone party.contact_mechanism; found by code, then e-mail",
  maxBatchSize: 100,
  operations: ["create", "update"],
  lookup: (ctx, naturalKeys) => lookupParties({ client: trytonClient(ctx), entity: "customer" }, naturalKeys),
  write: (ctx, items) =>
    Effect.gen(function* () {
      const client = trytonClient(ctx)
      const target: Target = { client, entity: "customer" }
      const countries = yield* countriesByCode(
        client,
        items.flatMap((i) => i.payload.addresses.map((a) => a.country_code)),
      )
      const results = new Map<string, WriteOutcome>()

      const creates: Array<{ key: string; vals: Record<string, unknown> }> = []
      for (const item of items.filter((i) => i.externalId === undefined)) {
        const addresses = item.payload.addresses.map((a, i) => addressVals(a, countries, `$.addresses[${i}]`))
        const problem = addresses.find(isUnwritable)
        if (problem !== undefined) {
          results.set(
            item.naturalKey,
            outcome(rejected(target, item.naturalKey, problem.reason, problem.path), "created"),
          )
          continue
        }
        const mechanisms = mechanismVals(item.payload)
        creates.push({
          key: item.naturalKey,
          vals: {
            name: item.payload.name,
            ...(item.payload.code === null ? {} : { code: item.payload.code }),
            ...(addresses.length === 0 ? {} : { addresses: [["create", addresses]] }),
            ...(mechanisms.length === 0 ? {} : { contact_mechanisms: [["create", mechanisms]] }),
          },
        })
      }
      for (const written of yield* createAll(target, "party.party", creates)) {
        results.set(written.key, outcome(written, "created"))
      }

      const updates = items.flatMap((i) => (i.externalId === undefined ? [] : [{ ...i, id: Number(i.externalId) }]))
      if (updates.length > 0) {
        const ids = updates.map((u) => u.id)
        const addresses = yield* searchRead(client, "party.address", KnownAddress, {
          domain: [["party", "in", ids]],
          fields: ["party", "street", "postal_code", "city", "country"],
        })
        const mechanisms = yield* searchRead(client, "party.contact_mechanism", KnownMechanism, {
          domain: [["party", "in", ids]],
          fields: ["party", "type", "value"],
        })
        for (const item of updates) {
          const wanted = item.payload.addresses.map((a, i) => addressVals(a, countries, `$.addresses[${i}]`))
          const problem = wanted.find(isUnwritable)
          if (problem !== undefined) {
            results.set(
              item.naturalKey,
              outcome(rejected(target, item.naturalKey, problem.reason, problem.path), "updated"),
            )
            continue
          }
          const own = addresses.filter((a) => a.party === item.id)
          const newAddresses = wanted.filter((w) => !own.some((a) => isSameAddress(a, w as Record<string, unknown>)))
          const newMechanisms = mechanismVals(item.payload).filter(
            (m) => !mechanisms.some((k) => k.party === item.id && k.type === m.type && k.value === m.value),
          )
          const vals = {
            name: item.payload.name,
            ...(newAddresses.length === 0 ? {} : { addresses: [["create", newAddresses]] }),
            ...(newMechanisms.length === 0 ? {} : { contact_mechanisms: [["create", newMechanisms]] }),
          }
          // https://docs.tryton.org/projects/server/en/6.0/ref/models/models.html#trytond.model.ModelStorage.write
          const [written] = yield* callOnAll(
            target,
            "party.party",
            "write",
            [{ key: item.naturalKey, id: item.id }],
            [vals],
          )
          if (written !== undefined) results.set(item.naturalKey, outcome(written, "updated"))
        }
      }
      return items.flatMap((item) => results.get(item.naturalKey) ?? [])
    }),
})
