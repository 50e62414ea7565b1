/**
 * Shopify customer ⇄ canonical Customer.
 *
 * - E-mails are normalised; Shopify has no customer number, so a Shopify customer is matched by
 *   e-mail. Tags are segments; the note is the `note` attribute.
 * - Marketing consents: `SUBSCRIBED` is a granted consent, `UNSUBSCRIBED` a withdrawn one, and
 *   `NOT_SUBSCRIBED` with a timestamp a refused one. Pending double opt-ins, redacted and invalid
 *   addresses are no consent. A granted consent without its timestamp proves nothing: the
 *   record fails at its path. The opt-in level is kept in the source (`shopify:confirmed_opt_in`).
 * - Shopify's address book has no billing/shipping distinction: addresses read as `shipping`.
 *   Addresses without street, city or country are left out (Shopify accepts them, nobody can
 *   ship to them).
 * - The company of a B2B contact (Shopify Plus B2B) is read; `CustomerInput` cannot set one.
 */
import { Clock, Effect, Schema } from "effect"
import { type CustomerAddressNode, CustomerInput, CustomerRecord } from "../../connectors/shopify/schemas/customer.ts"
import { defineMapping } from "../../core/mapping/index.ts"
import { optional, Problems } from "../../core/mapping/problems.ts"
import { type Consent, Customer, normalizeEmail, toInstant } from "../../core/model/index.ts"
import { mailingAddressFromCanonical, mailingAddressToCanonical } from "./address.ts"

type CustomerEncoded = typeof Customer.Encoded
type OptInLevel = "SINGLE_OPT_IN" | "CONFIRMED_OPT_IN" | "UNKNOWN"
type ShopifyConsent = {
  readonly marketingState: string
  readonly marketingOptInLevel: OptInLevel | null
  readonly consentUpdatedAt: string | null
}

const SOURCE_PREFIX = "shopify:"

const sourceOf = (level: OptInLevel | null): string => `${SOURCE_PREFIX}${(level ?? "UNKNOWN").toLowerCase()}`

/** The opt-in level a consent's source names; consents from elsewhere are `UNKNOWN` to Shopify. */
const optInLevelOf = (source: string): OptInLevel => {
  const level = source.startsWith(SOURCE_PREFIX) ? source.slice(SOURCE_PREFIX.length).toUpperCase() : ""
  return level === "SINGLE_OPT_IN" || level === "CONFIRMED_OPT_IN" ? level : "UNKNOWN"
}

const consentFromShopify = (
  channel: Consent["channel"],
  state: ShopifyConsent | null,
  path: ReadonlyArray<string>,
  problems: Problems,
): ReadonlyArray<Consent> => {
  if (state === null) return []
  const granted = state.marketingState === "SUBSCRIBED"
  const withdrawn = state.marketingState === "UNSUBSCRIBED" || state.marketingState === "NOT_SUBSCRIBED"
  if (!granted && !withdrawn) return []
  if (state.consentUpdatedAt === null) {
    if (granted)
      problems.add([...path, "consentUpdatedAt"], `a ${channel} marketing consent needs the time it was given`)
    return []
  }
  const at = problems.attempt([...path, "consentUpdatedAt"], () => toInstant(state.consentUpdatedAt ?? ""))
  if (at === undefined) return []
  return [{ channel, purpose: "marketing", granted, at, source: sourceOf(state.marketingOptInLevel) }]
}

/** The latest marketing consent on a channel, as Shopify's consent input. */
const latestConsent = (consents: ReadonlyArray<Consent>, channel: Consent["channel"]) => {
  const latest = consents
    .filter((c) => c.channel === channel && c.purpose === "marketing")
    .reduce<Consent | undefined>((a, c) => (a === undefined || c.at >= a.at ? c : a), undefined)
  if (latest === undefined) return undefined
  return {
    marketingState: latest.granted ? ("SUBSCRIBED" as const) : ("UNSUBSCRIBED" as const),
    marketingOptInLevel: optInLevelOf(latest.source),
    consentUpdatedAt: latest.at,
  }
}

const noteOf = (customer: CustomerEncoded): string | undefined => {
  const note = customer.attributes.note
  return typeof note === "string" ? note : undefined
}

const sameAddress = (a: CustomerAddressNode, b: CustomerAddressNode): boolean =>
  a.id !== undefined && b.id !== undefined
    ? a.id === b.id
    : a.address1 === b.address1 && a.city === b.city && a.zip === b.zip && a.countryCodeV2 === b.countryCodeV2

/** The read direction: a customer from the customers stream. */
const CustomerFromShopify = Schema.transformOrFail(CustomerRecord, Customer, {
  strict: true,
  decode: (node, _, ast) =>
    Effect.gen(function* () {
      const problems = new Problems(ast, node)
      const defaultAddress = node.defaultAddress
      const addresses = node.addresses.flatMap((a) => {
        const address = mailingAddressToCanonical(a)
        if (address === undefined) return []
        const isDefault = defaultAddress !== null && sameAddress(a, defaultAddress)
        return [{ ...address, kind: "shipping" as const, isDefault }]
      })
      const consents = [
        ...consentFromShopify("email", node.emailMarketingConsent, ["emailMarketingConsent"], problems),
        ...consentFromShopify("sms", node.smsMarketingConsent, ["smsMarketingConsent"], problems),
      ]
      const company = node.companyContactProfiles[0]?.company
      const updatedAt = problems.attempt(["updatedAt"], () => toInstant(node.updatedAt))
      return yield* problems.result(
        (): CustomerEncoded => ({
          ...optional(
            "email",
            node.email === null || node.email.trim() === "" ? undefined : normalizeEmail(node.email),
          ),
          additionalEmails: [],
          ...optional("firstName", node.firstName ?? undefined),
          ...optional("lastName", node.lastName ?? undefined),
          phones: node.phone === null ? [] : [{ number: node.phone }],
          addresses,
          ...optional(
            "company",
            company === undefined
              ? undefined
              : { name: company.name, ...optional("companyNumber", company.externalId ?? undefined) },
          ),
          consents,
          segments: [...node.tags],
          attributes: node.note === null || node.note === "" ? {} : { note: node.note },
          updatedAt: updatedAt!,
        }),
      )
    }),
  encode: (customer) => {
    const email = latestConsent(customer.consents, "email")
    const sms = latestConsent(customer.consents, "sms")
    const addresses = customer.addresses.map((a) => ({ ...mailingAddressFromCanonical(a) }))
    const defaultIndex = customer.addresses.findIndex((a) => a.isDefault)
    return Effect.succeed({
      email: customer.email ?? null,
      firstName: customer.firstName ?? null,
      lastName: customer.lastName ?? null,
      phone: customer.phones[0]?.number ?? null,
      note: noteOf(customer) ?? null,
      tags: [...customer.segments],
      updatedAt: customer.updatedAt,
      emailMarketingConsent: email ?? null,
      smsMarketingConsent: sms === undefined ? null : { ...sms, consentCollectedFrom: null },
      defaultAddress: addresses[defaultIndex] ?? null,
      addresses,
      companyContactProfiles:
        customer.company === undefined
          ? []
          : [{ company: { name: customer.company.name, externalId: customer.company.companyNumber ?? null } }],
    })
  },
})

/** The write direction: a `CustomerInput`; the default address goes first, as Shopify makes the first one default. */
const CustomerToShopify = Schema.transformOrFail(CustomerInput, Customer, {
  strict: true,
  decode: (input, _, ast) =>
    Effect.gen(function* () {
      const problems = new Problems(ast, input)
      const addresses = input.addresses.flatMap((a, i) => {
        const address = mailingAddressToCanonical({
          firstName: a.firstName ?? null,
          lastName: a.lastName ?? null,
          company: a.company ?? null,
          address1: a.address1,
          address2: a.address2 ?? null,
          city: a.city,
          zip: a.zip ?? null,
          provinceCode: a.provinceCode ?? null,
          countryCodeV2: a.countryCode,
          phone: a.phone ?? null,
        })
        return address === undefined ? [] : [{ ...address, kind: "shipping" as const, isDefault: i === 0 }]
      })
      const consents = [
        ...consentFromShopify("email", input.emailMarketingConsent ?? null, ["emailMarketingConsent"], problems),
        ...consentFromShopify("sms", input.smsMarketingConsent ?? null, ["smsMarketingConsent"], problems),
      ]
      // A write payload carries no timestamp: reading one back stamps it with the current time.
      const now = yield* Clock.currentTimeMillis
      return yield* problems.result(
        (): CustomerEncoded => ({
          ...optional("email", input.email),
          additionalEmails: [],
          ...optional("firstName", input.firstName),
          ...optional("lastName", input.lastName),
          phones: input.phone === undefined ? [] : [{ number: input.phone }],
          addresses,
          consents,
          segments: [...input.tags],
          attributes: input.note === undefined ? {} : { note: input.note },
          updatedAt: toInstant(new Date(now)),
        }),
      )
    }),
  encode: (customer) => {
    const ordered = [...customer.addresses].sort((a, b) => Number(b.isDefault) - Number(a.isDefault))
    const email = latestConsent(customer.consents, "email")
    const sms = latestConsent(customer.consents, "sms")
    const note = noteOf(customer)
    return Effect.succeed({
      ...optional("email", customer.email),
      ...optional("firstName", customer.firstName),
      ...optional("lastName", customer.lastName),
      ...optional("phone", customer.phones[0]?.number),
      ...optional("note", note),
      tags: [...customer.segments],
      addresses: ordered.map((a) => ({
        ...optional("firstName", a.firstName),
        ...optional("lastName", a.lastName),
        ...optional("company", a.company),
        address1: a.line1,
        ...optional("address2", a.line2),
        city: a.city,
        ...optional("zip", a.postalCode),
        ...optional("provinceCode", a.region),
        countryCode: a.countryCode,
        ...optional("phone", a.phone),
      })),
      ...optional("emailMarketingConsent", email),
      ...optional("smsMarketingConsent", sms),
    })
  },
})

/** Shopify customers ⇄ canonical customers. */
export const customerMapping = defineMapping({
  entity: "customer",
  read: CustomerFromShopify,
  write: CustomerToShopify,
})
