/** Shopify `MailingAddress` / `LocationAddress` ↔ canonical Address. */
import type { MailingAddressNode } from "../../connectors/shopify/schemas/order.ts"
import { optional } from "../../core/mapping/problems.ts"
import type { Address } from "../../core/model/index.ts"

const text = (value: string | null | undefined): string | undefined =>
  value === null || value === undefined || value.trim() === "" ? undefined : value

/** The parts every Shopify address type shares. */
interface AddressLines {
  readonly address1: string | null
  readonly address2: string | null
  readonly city: string | null
  readonly zip: string | null
  readonly provinceCode: string | null
  readonly phone: string | null
}

/**
 * A usable canonical address, or undefined when Shopify's lacks a street, city or country:
 * Shopify accepts such partial addresses (a country only, from a quick checkout), the hub
 * cannot ship to them. Callers decide whether that is a problem.
 */
export const addressFromShopify = (
  lines: AddressLines,
  countryCode: string | null,
  person: {
    readonly firstName?: string | null
    readonly lastName?: string | null
    readonly company?: string | null
  } = {},
): Address | undefined => {
  const line1 = text(lines.address1)
  const city = text(lines.city)
  const country = text(countryCode)
  if (line1 === undefined || city === undefined || country === undefined) return undefined
  return {
    ...optional("firstName", text(person.firstName)),
    ...optional("lastName", text(person.lastName)),
    ...optional("company", text(person.company)),
    line1,
    ...optional("line2", text(lines.address2)),
    city,
    ...optional("postalCode", text(lines.zip)),
    ...optional("region", text(lines.provinceCode)),
    countryCode: country,
    ...optional("phone", text(lines.phone)),
  }
}

/** A canonical address as Shopify's `MailingAddress` (order and customer addresses). */
export const mailingAddressFromCanonical = (address: Address): MailingAddressNode => ({
  firstName: address.firstName ?? null,
  lastName: address.lastName ?? null,
  company: address.company ?? null,
  address1: address.line1,
  address2: address.line2 ?? null,
  city: address.city,
  zip: address.postalCode ?? null,
  provinceCode: address.region ?? null,
  countryCodeV2: address.countryCode,
  phone: address.phone ?? null,
})

/** A Shopify `MailingAddress` as canonical, or undefined when incomplete. */
export const mailingAddressToCanonical = (address: MailingAddressNode): Address | undefined =>
  addressFromShopify(address, address.countryCodeV2, address)
