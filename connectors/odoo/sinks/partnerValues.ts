/** `res.partner` values from a partner payload: what the partners and saleOrders sinks create and write. */
import type { PartnerAddressPayload, PartnerPayload } from "../schemas/partner.ts"

/** A payload value that cannot be written, and where it is. */
export interface Unwritable {
  readonly reason: string
  readonly path: string
}

type Vals = Record<string, unknown>

const countryOf = (
  countries: ReadonlyMap<string, number>,
  code: string | false,
  path: string,
): number | false | Unwritable => {
  if (code === false) return false
  const id = countries.get(code)
  return id ?? { reason: `no country with code ${code} in Odoo`, path }
}

const isUnwritable = (v: unknown): v is Unwritable => typeof v === "object" && v !== null && "reason" in v

/** The partner's own values (not its addresses). */
export const partnerVals = (payload: PartnerPayload, countries: ReadonlyMap<string, number>): Vals | Unwritable => {
  const country = countryOf(countries, payload.country_code, "$.country_code")
  if (isUnwritable(country)) return country
  return {
    name: payload.name,
    is_company: payload.is_company,
    ref: payload.ref,
    email: payload.email,
    phone: payload.phone,
    vat: payload.vat,
    ...(payload.lang === false ? {} : { lang: payload.lang }),
    street: payload.street,
    street2: payload.street2,
    city: payload.city,
    zip: payload.zip,
    country_id: country,
  }
}

/** A child address's values; `parentId` when it is created on its own rather than inside its parent. */
export const addressVals = (
  address: PartnerAddressPayload,
  countries: ReadonlyMap<string, number>,
  path: string,
  parentId?: number,
): Vals | Unwritable => {
  const country = countryOf(countries, address.country_code, `${path}.country_code`)
  if (isUnwritable(country)) return country
  return {
    type: address.type,
    name: address.name,
    street: address.street,
    street2: address.street2,
    city: address.city,
    zip: address.zip,
    country_id: country,
    phone: address.phone,
    ...(parentId === undefined ? {} : { parent_id: parentId }),
  }
}

const same = (a: string | false, b: string | false) => (a || "").trim().toLowerCase() === (b || "").trim().toLowerCase()

/** The address fields of a partner, as read or as about to be written. */
export interface AddressFields {
  readonly name: string | false
  readonly street: string | false
  readonly street2: string | false
  readonly zip: string | false
  readonly city: string | false
  readonly country_code: string | false
}

/** Whether a partner already is this address (same street, zip, city, country and name), so no new one is needed. */
export const isSameAddress = (partner: AddressFields, address: AddressFields, ignoreName = false): boolean =>
  same(partner.street, address.street) &&
  same(partner.street2, address.street2) &&
  same(partner.zip, address.zip) &&
  same(partner.city, address.city) &&
  same(partner.country_code, address.country_code) &&
  (ignoreName || same(partner.name, address.name))

export { isUnwritable }
