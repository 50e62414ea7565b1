/**
 * `contacts` ← canonical `customer`: the B2B company is upserted by the customer-number property,
 * the contact by `email` (or by the customer number when it has no e-mail), a contact the hub
 * already knows is updated by id, and the contact is associated with its company. Link before
 * create looks contacts up by e-mail (batch read with `idProperty`) and by customer number
 * (search).
 */
import { Effect } from "effect"
import { defineSink, type WriteOutcome } from "../../../core/connector/define.ts"
import { RecordRejected } from "../../../core/connector/errors.ts"
import { associateDefault, batchRead, chunksOf, decodeAnswer, post } from "../client.ts"
import type { HubspotConfig } from "../config.ts"
import { SearchPage } from "../schemas/object.ts"
import type { CustomerPayload } from "../schemas/payload.ts"
import { type BatchInput, updateAll, upsertAll, type Written } from "./batchWrite.ts"

/** Property values under the account's own name for the customer-number property. */
const renamed = (properties: Readonly<Record<string, string>>, property: string): Record<string, string> => {
  if (property === "customer_number" || properties.customer_number === undefined) return { ...properties }
  const { customer_number, ...rest } = properties
  return { ...rest, [property]: customer_number }
}

/** Customers → contacts (+ companies); upsert by e-mail, link by e-mail or customer number. */
export const contactsSink = defineSink<HubspotConfig, CustomerPayload>({
  entity: "customer",
  description: "contacts upserted by email (companies by customer number) with their company association",
  maxBatchSize: 100,
  operations: ["create", "update", "upsert"],
  lookup: (ctx, naturalKeys) =>
    Effect.gen(function* () {
      const property = ctx.config.customerNumberProperty
      const emails = naturalKeys.flatMap((k) => (k.startsWith("email:") ? [k.slice(6)] : []))
      const numbers = naturalKeys.flatMap((k) => (k.startsWith("no:") ? [k.slice(3)] : []))
      const found = new Map<string, string>()
      const byEmail = yield* batchRead(ctx, "contacts", emails, ["email"], "email")
      for (const contact of byEmail) {
        const email = contact.properties.email?.toLowerCase()
        const key = emails.find((e) => e.toLowerCase() === email)
        if (key !== undefined) found.set(`email:${key}`, contact.id)
      }
      for (const chunk of chunksOf(numbers, 100)) {
        // https://developers.hubspot.com/docs/api-reference/search/guide (IN filter)
        const response = yield* post(
          ctx,
          "crm/v3/objects/contacts/search",
          {
            filterGroups: [{ filters: [{ propertyName: property, operator: "IN", values: chunk }] }],
            properties: [property],
            limit: 100,
          },
          true,
        )
        const page = yield* decodeAnswer(SearchPage, ctx.system, "contacts/search")(response.body)
        for (const contact of page.results) {
          const number = contact.properties[property]
          if (number !== null && number !== undefined) found.set(`no:${number}`, contact.id)
        }
      }
      return found
    }),
  write: (ctx, items) =>
    Effect.gen(function* () {
      const property = ctx.config.customerNumberProperty
      const rejected = (key: string, reason: string, path?: string): WriteOutcome => ({
        naturalKey: key,
        ok: false,
        error: new RecordRejected({
          system: ctx.system,
          entity: "customer",
          recordKey: key,
          reason,
          ...(path === undefined ? {} : { path }),
        }),
      })

      // Companies first, so each contact can be associated with its company's id.
      const companies = new Map<string, BatchInput>()
      for (const item of items) {
        const company = item.payload.company
        if (company !== null) {
          companies.set(company.key, {
            key: company.key,
            id: company.key,
            properties: renamed(company.properties, property),
          })
        }
      }
      const companyWrites = yield* upsertAll(ctx, "companies", property, [...companies.values()])

      const outcomes = new Map<string, WriteOutcome>()
      const known: Array<BatchInput> = []
      const byEmail: Array<BatchInput> = []
      const byNumber: Array<BatchInput> = []
      for (const item of items) {
        const { payload } = item
        const company = payload.company === null ? undefined : companyWrites.get(payload.company.key)
        if (company !== undefined && !company.ok) {
          outcomes.set(item.naturalKey, rejected(item.naturalKey, `company: ${company.reason}`, "$.company"))
          continue
        }
        const properties = renamed(payload.contact, property)
        if (item.externalId !== undefined) known.push({ key: item.naturalKey, id: item.externalId, properties })
        else if (payload.email !== null) byEmail.push({ key: item.naturalKey, id: payload.email, properties })
        else if (payload.customerNumber !== null) {
          byNumber.push({ key: item.naturalKey, id: payload.customerNumber, properties })
        } else outcomes.set(item.naturalKey, rejected(item.naturalKey, "neither an e-mail nor a customer number", "$"))
      }
      const written = new Map<string, Written>([
        ...(yield* updateAll(ctx, "contacts", known)),
        ...(yield* upsertAll(ctx, "contacts", "email", byEmail)),
        ...(yield* upsertAll(ctx, "contacts", property, byNumber)),
      ])

      const links: Array<{ from: string; to: string }> = []
      for (const item of items) {
        const result = written.get(item.naturalKey)
        if (result === undefined) continue
        if (!result.ok) {
          outcomes.set(item.naturalKey, rejected(item.naturalKey, result.reason))
          continue
        }
        const company = item.payload.company === null ? undefined : companyWrites.get(item.payload.company.key)
        if (company?.ok) links.push({ from: result.id, to: company.id })
        outcomes.set(item.naturalKey, {
          naturalKey: item.naturalKey,
          ok: true,
          externalId: result.id,
          action: result.created ? "created" : "updated",
        })
      }
      yield* associateDefault(ctx, "contacts", "companies", links)
      return items.flatMap((item) => outcomes.get(item.naturalKey) ?? [])
    }),
})
