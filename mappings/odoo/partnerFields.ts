/**
 * People, companies, e-mails and addresses between `res.partner` and the canonical customer:
 * Odoo has one `name` (split into first and last name for people), e-mails as a free text that
 * may list several, and addresses as the partner's own fields or its child partners.
 */
import type { PartnerRecord } from "../../connectors/odoo/schemas/partner.ts"
import { type Address, normalizeEmail } from "../../core/model/index.ts"
import { textOf } from "./odooValues.ts"

/** `"Anna Keller"` → first `Anna`, last `Keller`; a single word is a last name. */
export const splitName = (name: string | false): { firstName?: string; lastName?: string } => {
  const text = textOf(name)
  if (text === undefined) return {}
  const space = text.lastIndexOf(" ")
  return space < 0 ? { lastName: text } : { firstName: text.slice(0, space).trim(), lastName: text.slice(space + 1) }
}

/** First and last name back into one, or undefined when there is neither. */
export const joinName = (names: {
  firstName?: string | undefined
  lastName?: string | undefined
}): string | undefined => {
  const text = [names.firstName, names.lastName].filter((n) => n !== undefined && n !== "").join(" ")
  return text === "" ? undefined : text
}

/** The addresses in an e-mail field (`"a@x.de, Anna <b@y.de>"`), normalized. */
export const emailsOf = (field: string | false): ReadonlyArray<string> =>
  field === false
    ? []
    : field
        .split(/[,;]/)
        .map((part) => (/<([^>]+)>/.exec(part)?.[1] ?? part).trim())
        .filter((part) => part !== "")
        .map(normalizeEmail)

/** The address fields a partner has, read or to be written. */
export interface PartnerAddressFields {
  readonly street: string | false
  readonly street2: string | false
  readonly city: string | false
  readonly zip: string | false
  readonly country_code: string | false
}

/** A canonical address from a partner's fields, or undefined when it has no street, city and country. */
export const addressOf = (
  fields: PartnerAddressFields,
  extra: { readonly company?: string | undefined; readonly name?: string | false; readonly phone?: string | false },
): Address | undefined => {
  const line1 = textOf(fields.street)
  const city = textOf(fields.city)
  const countryCode = textOf(fields.country_code)
  if (line1 === undefined || city === undefined || countryCode === undefined) return undefined
  const { firstName, lastName } = splitName(extra.name ?? false)
  const line2 = textOf(fields.street2)
  const postalCode = textOf(fields.zip)
  const phone = textOf(extra.phone ?? false)
  return {
    ...(firstName === undefined ? {} : { firstName }),
    ...(lastName === undefined ? {} : { lastName }),
    ...(extra.company === undefined ? {} : { company: extra.company }),
    line1,
    ...(line2 === undefined ? {} : { line2 }),
    city,
    ...(postalCode === undefined ? {} : { postalCode }),
    countryCode,
    ...(phone === undefined ? {} : { phone }),
  }
}

/** A canonical address as partner fields. */
export const addressFields = (
  address: Address | undefined,
): PartnerAddressFields & { readonly name: string | false; readonly phone: string | false } => ({
  name: joinName(address ?? {}) ?? false,
  street: address?.line1 ?? false,
  street2: address?.line2 ?? false,
  city: address?.city ?? false,
  zip: address?.postalCode ?? false,
  country_code: address?.countryCode ?? false,
  phone: address?.phone ?? false,
})

/** A `res.partner` record with every field empty, to fill in. */
export const emptyPartner = (id: number): PartnerRecord => ({
  id,
  name: false,
  ref: false,
  email: false,
  phone: false,
  is_company: false,
  type: "contact",
  parent_id: false,
  street: false,
  street2: false,
  city: false,
  zip: false,
  country_code: false,
  vat: false,
  lang: false,
  active: true,
  write_date: "1970-01-01 00:00:00",
})

/** Odoo `de_DE` ↔ BCP 47 `de-DE`. */
export const languageOf = (lang: string | false): string | undefined => textOf(lang)?.replace("_", "-")
export const odooLangOf = (language: unknown): string | false =>
  typeof language === "string" && language !== "" ? language.replace("-", "_") : false
