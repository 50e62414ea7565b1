/**
 * `partners` ← canonical `customer`: creates `res.partner` records with their invoice and
 * delivery addresses as children, or updates the one the hub knows. Link-before-create finds
 * a partner by reference (customer number), then by e-mail.
 */
import { Effect } from "effect"
import { defineSink, type WriteOutcome } from "../../../core/connector/define.ts"
import { odooClient } from "../client.ts"
import type { OdooConfig } from "../config.ts"
import type { PartnerPayload } from "../schemas/partner.ts"
import { callOnAll, createAll, rejected, type Target, type Written } from "./batch.ts"
import { addressVals, isSameAddress, isUnwritable, partnerVals } from "./partnerValues.ts"
import { childAddresses, countriesByCode, emailKey, partnersByRefOrEmail } from "./references.ts"

const countryCodes = (payload: PartnerPayload): ReadonlyArray<string> => [
  ...(payload.country_code === false ? [] : [payload.country_code]),
  ...payload.addresses.map((a) => a.country_code),
]

/** Blank values of an update are left out: the hub not knowing a phone number is no reason to erase Odoo's. */
const withoutBlanks = (vals: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(vals).filter(([key, value]) => value !== false || key === "is_company"))

const outcome = (written: Written, action: "created" | "updated"): WriteOutcome =>
  written.ok
    ? { naturalKey: written.key, ok: true, externalId: String(written.id), action }
    : { naturalKey: written.key, ok: false, error: written.error }

/** Customers → res.partner with child addresses; link-before-create by reference, then e-mail. */
export const partnersSink = defineSink<OdooConfig, PartnerPayload>({
  entity: "customer",
  description: "res.partner with invoice and delivery addresses; found by reference, then e-mail",
  maxBatchSize: 100,
  operations: ["create", "update"],
  lookup: (ctx, naturalKeys) =>
    Effect.gen(function* () {
      const target: Target = { client: odooClient(ctx), system: ctx.system, entity: "customer" }
      const refs = naturalKeys.flatMap((k) => (k.startsWith("no:") ? [k.slice(3)] : []))
      const emails = naturalKeys.flatMap((k) => (k.startsWith("email:") ? [k.slice(6)] : []))
      const { byRef, byEmail } = yield* partnersByRefOrEmail(target, refs, emails)
      const found = new Map<string, string>()
      for (const key of naturalKeys) {
        const partner = key.startsWith("no:") ? byRef.get(key.slice(3)) : byEmail.get(emailKey(key.slice(6)))
        if (partner !== undefined) found.set(key, String(partner.id))
      }
      return found
    }),
  write: (ctx, items) =>
    Effect.gen(function* () {
      const target: Target = { client: odooClient(ctx), system: ctx.system, entity: "customer" }
      const countries = yield* countriesByCode(
        target,
        items.flatMap((i) => countryCodes(i.payload)),
      )
      const results = new Map<string, WriteOutcome>()

      const creates: Array<{ key: string; vals: Record<string, unknown> }> = []
      for (const item of items.filter((i) => i.externalId === undefined)) {
        const own = partnerVals(item.payload, countries)
        const children = item.payload.addresses.map((a, i) => addressVals(a, countries, `$.addresses[${i}]`))
        const problem = [own, ...children].find(isUnwritable)
        if (problem !== undefined) {
          results.set(
            item.naturalKey,
            outcome(rejected(target, item.naturalKey, problem.reason, problem.path), "created"),
          )
          continue
        }
        creates.push({
          key: item.naturalKey,
          // customer_rank > 0 is what makes Odoo (and the partners stream) treat it as a customer.
          vals: { ...own, customer_rank: 1, child_ids: children.map((vals) => [0, 0, vals]) },
        })
      }
      for (const written of yield* createAll(target, "res.partner", creates)) {
        results.set(written.key, outcome(written, "created"))
      }

      const updates = items.filter((i) => i.externalId !== undefined)
      const existing = yield* childAddresses(
        target,
        updates.map((i) => Number(i.externalId)),
      )
      for (const item of updates) {
        const id = Number(item.externalId)
        const own = partnerVals(item.payload, countries)
        const known = existing.filter((c) => c.parent_id !== false && c.parent_id[0] === id)
        const missing = item.payload.addresses
          .map((a, i) => ({ a, i }))
          .filter(({ a }) => !known.some((c) => c.type === a.type && isSameAddress(c, a)))
        const children = missing.map(({ a, i }) => addressVals(a, countries, `$.addresses[${i}]`))
        const problem = isUnwritable(own) ? own : children.find(isUnwritable)
        if (problem !== undefined || isUnwritable(own)) {
          const { reason, path } = problem ?? { reason: "unwritable", path: "$" }
          results.set(item.naturalKey, outcome(rejected(target, item.naturalKey, reason, path), "updated"))
          continue
        }
        const vals = {
          ...withoutBlanks(own),
          ...(children.length === 0 ? {} : { child_ids: children.map((c) => [0, 0, c]) }),
        }
        // https://www.odoo.com/documentation/19.0/developer/reference/backend/orm.html#odoo.models.Model.write
        const [written] = yield* callOnAll(target, "res.partner", "write", [{ key: item.naturalKey, id }], { vals })
        if (written !== undefined) results.set(item.naturalKey, outcome(written, "updated"))
      }
      return items.flatMap((item) => results.get(item.naturalKey) ?? [])
    }),
})
