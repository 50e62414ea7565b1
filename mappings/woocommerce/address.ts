/** WooCommerce billing/shipping address ⇄ canonical Address. Empty strings are absent fields. */
import type { WooAddress } from "../../connectors/woocommerce/schemas/common.ts"
import { optional } from "../../core/mapping/problems.ts"
import type { Address } from "../../core/model/index.ts"

const text = (value: string | null | undefined): string | undefined =>
  value === null || value === undefined || value.trim() === "" ? undefined : value.trim()

/** True when the address has a street: WooCommerce sends all-empty shipping addresses for pickups and guests. */
export const hasAddress = (a: WooAddress): boolean => text(a.address_1) !== undefined && text(a.country) !== undefined

/**
 * WooCommerce's `state` is the shop's own state code (`BE`, `ZH`, sometimes ISO 3166-2 like
 * `DE-BE`); it is kept as the region as it is.
 */
export const addressFromWoo = (a: WooAddress): Address => ({
  ...optional("firstName", text(a.first_name)),
  ...optional("lastName", text(a.last_name)),
  ...optional("company", text(a.company)),
  line1: a.address_1.trim(),
  ...optional("line2", text(a.address_2)),
  city: a.city.trim(),
  ...optional("postalCode", text(a.postcode)),
  ...optional("region", text(a.state)),
  countryCode: a.country.trim().toUpperCase(),
  ...optional("phone", text(a.phone)),
})

/** Canonical Address as a WooCommerce address (without e-mail). */
export const addressToWoo = (a: Address | undefined): WooAddress => ({
  first_name: a?.firstName ?? "",
  last_name: a?.lastName ?? "",
  company: a?.company ?? "",
  address_1: a?.line1 ?? "",
  address_2: a?.line2 ?? "",
  city: a?.city ?? "",
  state: a?.region ?? "",
  postcode: a?.postalCode ?? "",
  country: a?.countryCode ?? "",
  phone: a?.phone ?? "",
})
