/**
 * `customers` → canonical `customer`: contacts in last-modified order through the search API,
 * each with its associated company (v4 associations, then one batch read of the companies).
 * Three calls per page whatever its size.
 */
import { Effect, Stream } from "effect"
import { defineStream } from "../../../core/connector/define.ts"
import type { ConnectorError } from "../../../core/connector/errors.ts"
import { toInstant } from "../../../core/model/index.ts"
import { associatedIds, batchRead, changeOrderedSearch, epochOf } from "../client.ts"
import type { HubspotConfig } from "../config.ts"
import type { CrmObject, HubspotCustomer } from "../schemas/object.ts"

/** The contact properties the customer mapping reads. */
export const CONTACT_PROPERTIES = [
  "email",
  "firstname",
  "lastname",
  "phone",
  "mobilephone",
  "company",
  "address",
  "city",
  "zip",
  "state",
  "country",
  "hs_language",
  "hs_email_optout",
  "hs_legal_basis",
  "esl_consent_source",
  "esl_consent_at",
  "lastmodifieddate",
] as const

/** The company properties the customer mapping reads. */
export const COMPANY_PROPERTIES = ["name", "domain", "vat_number", "address", "city", "zip", "country"] as const

const contactProperties = (config: HubspotConfig) => [...CONTACT_PROPERTIES, config.customerNumberProperty]
const companyProperties = (config: HubspotConfig) => [...COMPANY_PROPERTIES, config.customerNumberProperty]

/** The property values the mapping reads, under the names it reads them by. */
const withCustomerNumber = (record: CrmObject, property: string): CrmObject =>
  property === "customer_number"
    ? record
    : { ...record, properties: { ...record.properties, customer_number: record.properties[property] ?? null } }

/** Contacts joined with their first associated company. */
const withCompanies = (
  ctx: Parameters<typeof batchRead>[0],
  contacts: ReadonlyArray<CrmObject>,
): Effect.Effect<ReadonlyArray<HubspotCustomer>, ConnectorError> =>
  Effect.gen(function* () {
    if (contacts.length === 0) return []
    const property = ctx.config.customerNumberProperty
    const links = yield* associatedIds(
      ctx,
      "contacts",
      "companies",
      contacts.map((c) => c.id),
    )
    const companyIds = contacts.flatMap((c) => links.get(c.id)?.slice(0, 1) ?? [])
    const companies = yield* batchRead(ctx, "companies", companyIds, companyProperties(ctx.config))
    const byId = new Map(companies.map((c) => [c.id, withCustomerNumber(c, property)]))
    return contacts.map((contact) => {
      const companyId = links.get(contact.id)?.[0]
      return {
        contact: withCustomerNumber(contact, property),
        company: (companyId === undefined ? undefined : byId.get(companyId)) ?? null,
      }
    })
  })

/** `customers`: contacts with their company, in (lastmodifieddate, id) order. */
export const customersStream = defineStream<HubspotConfig, HubspotCustomer>({
  entity: "customer",
  description: "contacts with their associated company and e-mail marketing consent (search by lastmodifieddate)",
  incremental: true,
  idOf: (raw) => raw.contact.id,
  positionOf: (raw) => ({
    at: toInstant(new Date(epochOf(raw.contact.properties.lastmodifieddate ?? raw.contact.updatedAt))),
    id: raw.contact.id,
  }),
  read: (ctx, options) =>
    changeOrderedSearch(ctx, {
      objectType: "contacts",
      dateProperty: "lastmodifieddate",
      properties: contactProperties(ctx.config),
      pageSize: options.pageSize ?? ctx.config.pageSize,
      ...(options.since === undefined ? {} : { since: options.since.at }),
    }).pipe(Stream.mapEffect((contacts) => withCompanies(ctx, contacts))),
  readByIds: (ctx, ids) =>
    batchRead(ctx, "contacts", ids, contactProperties(ctx.config)).pipe(
      Effect.flatMap((contacts) => withCompanies(ctx, contacts)),
    ),
})
