/**
 * `customer` ⇄ a party. Read: the party with its addresses and contact mechanisms (the
 * customers stream's record); customer number = the party's code; e-mail = its first e-mail
 * mechanism, the others additional; phones from phone and mobile mechanisms. A party name
 * ending in a legal form (GmbH, Ltd, …) is a company; else its last word is the last name.
 * Addresses: Tryton 6.0 has one multi-line `street` (first line → line1, the rest → line2);
 * the first address is the default for billing and shipping, the others shipping addresses;
 * an address without street, city or country cannot be canonical and is left out.
 * Write: the payload the customers sink creates or updates a party from.
 */
import { Effect, Schema } from "effect"
import { type AddressPayload, PartyPayload, TrytonParty } from "../../connectors/tryton/schemas/party.ts"
import { dateTimeOf } from "../../connectors/tryton/schemas/values.ts"
import { defineMapping } from "../../core/mapping/index.ts"
import { type Address, Customer, type CustomerAddress, normalizeEmail } from "../../core/model/index.ts"
import { joinName, splitPartyName, textOf } from "./trytonValues.ts"

type CustomerRecord = typeof Customer.Type

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

/** Tryton's street lines as line1/line2. */
const streetLines = (street: string): { line1: string; line2?: string } => {
  const [line1 = "", ...rest] = street.split(/\r?\n/).map((l) => l.trim())
  const line2 = textOf(rest.filter((l) => l !== "").join(", "))
  return line2 === undefined ? { line1 } : { line1, line2 }
}

/** An address as Tryton takes it. */
export const addressOut = (address: Address): AddressPayload => ({
  name: textOf(address.company) ?? joinName(address) ?? null,
  street: [address.line1, address.line2].filter((l) => l !== undefined && l !== "").join("\n"),
  postal_code: address.postalCode ?? null,
  city: address.city,
  country_code: address.countryCode,
})

/** A Tryton address as canonical, the building name read as the recipient. */
export const addressIn = (address: AddressPayload): Address => {
  const name = textOf(address.name)
  const who = name === undefined ? {} : splitPartyName(name)
  return {
    ...who,
    ...streetLines(address.street),
    city: address.city,
    ...(address.postal_code === null ? {} : { postalCode: address.postal_code }),
    countryCode: address.country_code,
  }
}

/** TrytonParty ⇄ Customer. */
export const customerRead = Schema.transformOrFail(TrytonParty, Customer, {
  strict: true,
  decode: (raw) =>
    Effect.sync((): typeof Customer.Encoded => {
      const active = raw.contact_mechanisms.filter((m) => m.active === 1 || m.active === true)
      const emails = active
        .filter((m) => m.type === "email")
        .flatMap((m) => {
          const value = textOf(m.value)
          return value !== undefined && EMAIL.test(value) ? [normalizeEmail(value)] : []
        })
      const phones = active.flatMap((m) => {
        const value = textOf(m.value)
        if (value === undefined || (m.type !== "phone" && m.type !== "mobile")) return []
        return [{ number: value, ...(m.type === "mobile" ? { kind: "mobile" as const } : {}) }]
      })
      const addresses: Array<typeof CustomerAddress.Type> = []
      for (const a of raw.addresses.filter((x) => x.active === 1 || x.active === true)) {
        const street = textOf(a.street)
        const city = textOf(a.city)
        const country = a["country."]?.code
        if (street === undefined || city === undefined || country === undefined) continue
        const address = addressIn({
          name: a.name,
          street,
          postal_code: textOf(a.postal_code) ?? null,
          city,
          country_code: country,
        })
        if (addresses.length === 0) addresses.push({ ...address, kind: "billing", isDefault: true })
        addresses.push({ ...address, kind: "shipping", isDefault: addresses.length === 1 })
      }
      const name = splitPartyName(raw.name)
      const [email, ...additionalEmails] = [...new Set(emails)]
      const code = textOf(raw.code)
      return {
        ...(code === undefined ? {} : { customerNumber: code }),
        ...(email === undefined ? {} : { email }),
        additionalEmails,
        ...(name.firstName === undefined ? {} : { firstName: name.firstName }),
        ...(name.lastName === undefined ? {} : { lastName: name.lastName }),
        phones,
        addresses,
        ...(name.company === undefined ? {} : { company: { name: name.company } }),
        consents: [],
        segments: [],
        attributes: raw.active === 1 || raw.active === true ? {} : { trytonArchived: true },
        updatedAt: raw.changed_at,
      }
    }),
  encode: (customer) =>
    Effect.sync(() => {
      const when = dateTimeOf(customer.updatedAt)
      return {
        id: 1,
        code: customer.customerNumber ?? null,
        name: partyName(customer),
        active: customer.attributes.trytonArchived === true ? 0 : 1,
        create_date: when,
        write_date: when,
        addresses: customer.addresses
          .filter((a) => a.kind === "shipping")
          .map((a, i) => {
            const out = addressOut(a)
            return {
              id: i + 1,
              party: 1,
              name: out.name,
              street: out.street,
              postal_code: out.postal_code,
              city: out.city,
              country: i + 1,
              "country.": { id: i + 1, code: out.country_code },
              active: 1,
              sequence: null,
              create_date: when,
              write_date: when,
            }
          }),
        contact_mechanisms: [
          ...[customer.email, ...customer.additionalEmails].flatMap((e) =>
            e === undefined ? [] : [{ type: "email", value: e }],
          ),
          ...customer.phones.map((p) => ({ type: p.kind === "mobile" ? "mobile" : "phone", value: p.number })),
        ].map((m, i) => ({
          id: i + 1,
          party: 1,
          ...m,
          active: 1,
          sequence: null,
          create_date: when,
          write_date: when,
        })),
        changed_at: customer.updatedAt,
      }
    }),
})

/** The one name a party has: the company's, else the person's, else the e-mail or number. */
const partyName = (customer: CustomerRecord): string =>
  customer.company?.name ?? joinName(customer) ?? customer.email ?? customer.customerNumber ?? "unknown customer"

/** PartyPayload ⇄ Customer: what the customers sink writes. */
export const customerWrite = Schema.transformOrFail(PartyPayload, Customer, {
  strict: true,
  decode: (payload) =>
    Effect.sync((): typeof Customer.Encoded => {
      const name = splitPartyName(payload.name)
      const addresses = payload.addresses.flatMap((a, i): Array<typeof CustomerAddress.Type> => {
        const address = addressIn(a)
        return i === 0
          ? [
              { ...address, kind: "billing", isDefault: true },
              { ...address, kind: "shipping", isDefault: true },
            ]
          : [{ ...address, kind: "shipping", isDefault: false }]
      })
      return {
        ...(payload.code === null ? {} : { customerNumber: payload.code }),
        ...(payload.email === null ? {} : { email: normalizeEmail(payload.email) }),
        additionalEmails: [],
        ...(name.firstName === undefined ? {} : { firstName: name.firstName }),
        ...(name.lastName === undefined ? {} : { lastName: name.lastName }),
        phones: payload.phone === null ? [] : [{ number: payload.phone }],
        addresses,
        ...(name.company === undefined ? {} : { company: { name: name.company } }),
        consents: [],
        segments: [],
        attributes: {},
        updatedAt: payload.updated_at,
      }
    }),
  encode: (customer) =>
    Effect.sync(() => {
      // Each place once: a canonical billing and shipping address at one place is one Tryton address.
      const seen = new Set<string>()
      const addresses = [...customer.addresses]
        .sort((a, b) => Number(b.isDefault) - Number(a.isDefault))
        .map(addressOut)
        .filter((a) => {
          const key = JSON.stringify([a.street, a.postal_code, a.city, a.country_code])
          if (seen.has(key)) return false
          seen.add(key)
          return true
        })
      return {
        code: customer.customerNumber ?? null,
        name: partyName(customer),
        email: customer.email ?? null,
        phone: customer.phones[0]?.number ?? null,
        addresses,
        updated_at: customer.updatedAt,
      }
    }),
})

/** `customer`: read from the customers stream, written by the customers sink. */
export const customerMapping = defineMapping({ entity: "customer", read: customerRead, write: customerWrite })
