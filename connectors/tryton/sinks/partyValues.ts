/** Party and address values as Tryton 6.0 takes them in `create`/`write`. */
import type { AddressPayload, PartyPayload } from "../schemas/party.ts"

/** Values that cannot be written, with why and where in the payload. */
export interface Unwritable {
  readonly reason: string
  readonly path: string
}

/** `party.address` values, or why not (a country Tryton does not know). */
export const addressVals = (
  address: AddressPayload,
  countries: ReadonlyMap<string, number>,
  path: string,
): Record<string, unknown> | Unwritable => {
  const country = countries.get(address.country_code)
  if (country === undefined) {
    return {
      reason: `country ${address.country_code} is not in Tryton; add it (Party → Configuration → Countries)`,
      path: `${path}.country_code`,
    }
  }
  return {
    name: address.name,
    street: address.street,
    postal_code: address.postal_code,
    city: address.city,
    country,
  }
}

export const isUnwritable = (value: Record<string, unknown> | Unwritable): value is Unwritable =>
  typeof value.reason === "string" && typeof value.path === "string" && Object.keys(value).length === 2

/** The contact mechanisms of a payload: e-mail and phone, when given. */
export const mechanismVals = (payload: Pick<PartyPayload, "email" | "phone">): Array<Record<string, unknown>> => [
  ...(payload.email === null ? [] : [{ type: "email", value: payload.email }]),
  ...(payload.phone === null ? [] : [{ type: "phone", value: payload.phone }]),
]

/** Same place: street, postal code, city and country, ignoring case and spacing. */
export const isSameAddress = (
  known: {
    readonly street: string | null
    readonly postal_code: string | null
    readonly city: string | null
    readonly country: number | null
  },
  wanted: Record<string, unknown>,
): boolean => {
  const norm = (v: unknown) => (typeof v === "string" ? v.trim().replace(/\s+/g, " ").toLowerCase() : "")
  return (
    norm(known.street) === norm(wanted.street) &&
    norm(known.postal_code) === norm(wanted.postal_code) &&
    norm(known.city) === norm(wanted.city) &&
    known.country === wanted.country
  )
}
