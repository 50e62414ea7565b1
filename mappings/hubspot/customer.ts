/**
 * HubSpot contact (+ associated company) ⇄ canonical Customer.
 *
 * - The contact's `email` is the match key; the unique `customer_number` property is the
 *   customer number. The associated company is the B2B company: `name`, `vat_number`, and its
 *   `customer_number` as the company number (left out when it only repeats the customer number,
 *   which is what esl writes for a company that has none of its own).
 * - E-mail marketing consent: `hs_email_optout` and `hs_legal_basis` say whether it is granted
 *   (opted out: withdrawn; "Freely given consent from contact": granted); the custom properties
 *   `esl_consent_source` and `esl_consent_at` keep where and when, so a consent read back proves
 *   what it proved when it was written. HubSpot holds e-mail consent only: other channels are not
 *   written.
 * - One postal address per contact (`address`, `city`, `zip`, `state`, `country` as ISO code):
 *   the default billing address, else the first one. Names, second lines and address phones are
 *   not kept. `phone` is a landline, `mobilephone` a mobile.
 */
import { Effect, ParseResult, Schema } from "effect"
import { type CrmObject, HubspotCustomer } from "../../connectors/hubspot/schemas/object.ts"
import { CustomerPayload, type WriteProperties } from "../../connectors/hubspot/schemas/payload.ts"
import { defineMapping } from "../../core/mapping/index.ts"
import { type Consent, Customer, normalizeEmail, toInstant } from "../../core/model/index.ts"

type CustomerEncoded = typeof Customer.Encoded
type Props = Readonly<Record<string, string | null | undefined>>

/** The `hs_legal_basis` value of a marketing consent freely given. */
export const CONSENT_LEGAL_BASIS = "Freely given consent from contact"

const COUNTRY_NAMES: Readonly<Record<string, string>> = {
  germany: "DE",
  deutschland: "DE",
  austria: "AT",
  österreich: "AT",
  switzerland: "CH",
  schweiz: "CH",
  suisse: "CH",
}

const text = (value: string | null | undefined): string | undefined => {
  const trimmed = value?.trim()
  return trimmed === undefined || trimmed === "" ? undefined : trimmed
}

/** ISO country code from HubSpot's free-text `country` (esl writes the code). */
const countryCode = (value: string | undefined): string | undefined => {
  if (value === undefined) return undefined
  if (/^[A-Za-z]{2}$/.test(value)) return value.toUpperCase()
  return COUNTRY_NAMES[value.toLowerCase()]
}

const instant = (value: string, path: string) =>
  Effect.try({
    try: () => toInstant(/^\d+$/.test(value) ? new Date(Number(value)) : value),
    catch: (e) =>
      new ParseResult.Type(Schema.String.ast, value, `${path}: ${e instanceof Error ? e.message : String(e)}`),
  })

const consentsOf = (props: Props, fallbackAt: string) =>
  Effect.gen(function* () {
    const optedOut = props.hs_email_optout === "true"
    const legalBasis = text(props.hs_legal_basis)
    const at = text(props.esl_consent_at)
    if (!optedOut && legalBasis !== CONSENT_LEGAL_BASIS && at === undefined) return []
    const consent: Consent = {
      channel: "email",
      purpose: "marketing",
      granted: !optedOut && legalBasis === CONSENT_LEGAL_BASIS,
      at: yield* instant(at ?? fallbackAt, "esl_consent_at"),
      source: text(props.esl_consent_source) ?? "hubspot:contact",
    }
    return [consent]
  })

/** The canonical customer from a contact's and its company's property values. */
const customerOf = (contact: Props, company: Props | null, updatedAt: string) =>
  Effect.gen(function* () {
    const email = text(contact.email)
    const customerNumber = text(contact.customer_number)
    const companyName = text(company?.name) ?? text(contact.company)
    const companyNumber = text(company?.customer_number)
    const vatId = text(company?.vat_number)
    const line1 = text(contact.address)
    const city = text(contact.city)
    const country = countryCode(text(contact.country))
    const zip = text(contact.zip)
    const region = text(contact.state)
    const phone = text(contact.phone)
    const mobile = text(contact.mobilephone)
    const firstName = text(contact.firstname)
    const lastName = text(contact.lastname)
    const language = text(contact.hs_language)
    const customer: CustomerEncoded = {
      ...(customerNumber === undefined ? {} : { customerNumber }),
      ...(email === undefined ? {} : { email: normalizeEmail(email) }),
      additionalEmails: [],
      ...(firstName === undefined ? {} : { firstName }),
      ...(lastName === undefined ? {} : { lastName }),
      phones: [
        ...(phone === undefined ? [] : [{ number: phone, kind: "landline" as const }]),
        ...(mobile === undefined ? [] : [{ number: mobile, kind: "mobile" as const }]),
      ],
      addresses:
        line1 === undefined || city === undefined || country === undefined
          ? []
          : [
              {
                ...(companyName === undefined ? {} : { company: companyName }),
                line1,
                city,
                ...(zip === undefined ? {} : { postalCode: zip }),
                ...(region === undefined ? {} : { region }),
                countryCode: country,
                kind: "billing" as const,
                isDefault: true,
              },
            ],
      ...(companyName === undefined
        ? {}
        : {
            company: {
              name: companyName,
              ...(vatId === undefined ? {} : { vatId }),
              ...(companyNumber === undefined || companyNumber === customerNumber ? {} : { companyNumber }),
            },
          }),
      consents: yield* consentsOf(contact, updatedAt),
      segments: [],
      attributes: language === undefined ? {} : { language },
      updatedAt: yield* instant(updatedAt, "lastmodifieddate"),
    }
    return customer
  })

/** Contact and company property values from a canonical customer. */
const propertiesOf = (customer: CustomerEncoded) => {
  const address =
    customer.addresses.find((a) => a.kind === "billing" && a.isDefault) ??
    customer.addresses.find((a) => a.isDefault) ??
    customer.addresses[0]
  const consent = [...customer.consents]
    .filter((c) => c.channel === "email" && c.purpose === "marketing")
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))
    .at(-1)
  const landline = customer.phones.find((p) => p.kind !== "mobile")
  const mobile = customer.phones.find((p) => p.kind === "mobile")
  const addressProps: WriteProperties = address
    ? {
        address: address.line1,
        city: address.city,
        zip: address.postalCode ?? "",
        state: address.region ?? "",
        country: address.countryCode,
      }
    : {}
  const contact: Record<string, string> = {
    ...(customer.email === undefined ? {} : { email: customer.email }),
    ...(customer.customerNumber === undefined ? {} : { customer_number: customer.customerNumber }),
    firstname: customer.firstName ?? "",
    lastname: customer.lastName ?? "",
    phone: landline?.number ?? "",
    mobilephone: mobile?.number ?? "",
    ...addressProps,
  }
  const language = customer.attributes.language
  if (typeof language === "string") contact.hs_language = language
  if (consent !== undefined) {
    contact.hs_email_optout = consent.granted ? "false" : "true"
    if (consent.granted) contact.hs_legal_basis = CONSENT_LEGAL_BASIS
    contact.esl_consent_source = consent.source
    contact.esl_consent_at = consent.at
  }
  const companyKey = customer.company?.companyNumber ?? customer.customerNumber
  const company =
    customer.company === undefined || companyKey === undefined
      ? null
      : {
          key: companyKey,
          properties: {
            name: customer.company.name,
            customer_number: companyKey,
            ...(customer.company.vatId === undefined ? {} : { vat_number: customer.company.vatId }),
            ...addressProps,
          },
        }
  // Without a number the company cannot be upserted; its name stays on the contact.
  if (customer.company !== undefined && company === null) contact.company = customer.company.name
  return { contact, company }
}

const crmObject = (id: string, properties: WriteProperties, updatedAt: string): CrmObject => ({
  id,
  properties,
  createdAt: updatedAt,
  updatedAt,
  archived: false,
})

/** HubspotCustomer ⇄ Customer: what the customers stream yields. */
export const customerRead = Schema.transformOrFail(HubspotCustomer, Customer, {
  strict: true,
  decode: (raw) =>
    customerOf(
      raw.contact.properties,
      raw.company?.properties ?? null,
      raw.contact.properties.lastmodifieddate ?? raw.contact.updatedAt,
    ),
  encode: (customer) => {
    const { contact, company } = propertiesOf(customer)
    return Effect.succeed({
      contact: crmObject("0", { ...contact, lastmodifieddate: customer.updatedAt }, customer.updatedAt),
      company: company === null ? null : crmObject("0", company.properties, customer.updatedAt),
    })
  },
})

/** CustomerPayload ⇄ Customer: what the contacts sink writes. */
export const customerWrite = Schema.transformOrFail(CustomerPayload, Customer, {
  strict: true,
  decode: (payload) => customerOf(payload.contact, payload.company?.properties ?? null, payload.updatedAt),
  encode: (customer) => {
    const { contact, company } = propertiesOf(customer)
    return Effect.succeed({
      email: customer.email ?? null,
      customerNumber: customer.customerNumber ?? null,
      contact,
      company,
      updatedAt: customer.updatedAt,
    })
  },
})

/** `customer`: read from the customers stream, written by the contacts sink. */
export const customerMapping = defineMapping({ entity: "customer", read: customerRead, write: customerWrite })
