/**
 * Vendure addresses ⇄ canonical Address. Vendure keeps one `fullName`; the hub keeps first and
 * last name, so the last word is the last name and the rest the first name (`Ada King Lovelace`
 * → `Ada King` + `Lovelace`). Empty strings are Vendure's "not given" and become absent.
 */

import type { Problems } from "../../core/mapping/problems.ts"
import { optional } from "../../core/mapping/problems.ts"
import type { Address } from "../../core/model/index.ts"

type AddressEncoded = typeof Address.Encoded

/** A Vendure address's fields, whichever type it comes in (OrderAddress, Address). */
export interface VendureAddressFields {
  readonly fullName: string | null
  readonly company: string | null
  readonly streetLine1: string | null
  readonly streetLine2: string | null
  readonly city: string | null
  readonly province: string | null
  readonly postalCode: string | null
  readonly countryCode: string | null
  readonly phoneNumber: string | null
}

const given = (value: string | null | undefined): string | undefined => {
  const trimmed = value?.trim() ?? ""
  return trimmed === "" ? undefined : trimmed
}

/** `Ada King Lovelace` → first `Ada King`, last `Lovelace`; one word is a last name. */
export const splitFullName = (fullName: string | null): { firstName?: string; lastName?: string } => {
  const words = (fullName ?? "")
    .trim()
    .split(/\s+/)
    .filter((w) => w !== "")
  const last = words.pop()
  return { ...optional("firstName", words.length > 0 ? words.join(" ") : undefined), ...optional("lastName", last) }
}

/** The canonical address, or problems at `path` for what it lacks. */
export const decodeAddress = (
  address: VendureAddressFields,
  path: ReadonlyArray<string | number>,
  problems: Problems,
): AddressEncoded | undefined => {
  const line1 = given(address.streetLine1)
  const city = given(address.city)
  const countryCode = given(address.countryCode)
  if (line1 === undefined) problems.add([...path, "streetLine1"], "an address needs a street line", address.streetLine1)
  if (city === undefined) problems.add([...path, "city"], "an address needs a city", address.city)
  if (countryCode === undefined)
    problems.add([...path, "countryCode"], "an address needs a country", address.countryCode)
  if (line1 === undefined || city === undefined || countryCode === undefined) return undefined
  return {
    ...splitFullName(address.fullName),
    ...optional("company", given(address.company)),
    line1,
    ...optional("line2", given(address.streetLine2)),
    city,
    ...optional("postalCode", given(address.postalCode)),
    ...optional("region", given(address.province)),
    countryCode: countryCode.toUpperCase(),
    ...optional("phone", given(address.phoneNumber)),
  }
}

/** The Vendure address fields of a canonical address. */
export const encodeAddress = (address: typeof Address.Type): VendureAddressFields => ({
  fullName: [address.firstName, address.lastName].filter((p) => p !== undefined).join(" ") || null,
  company: address.company ?? null,
  streetLine1: address.line1,
  streetLine2: address.line2 ?? null,
  city: address.city,
  province: address.region ?? null,
  postalCode: address.postalCode ?? null,
  countryCode: address.countryCode,
  phoneNumber: address.phone ?? null,
})
