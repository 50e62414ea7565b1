/**
 * Vendure customer ⇄ canonical Customer (read: the customers stream). Vendure keys customers by
 * e-mail (it stores them lower-cased) and has no customer number, so the hub matches them by
 * e-mail. Each address is a shipping address; the default billing address is also a billing
 * one. Customer groups are segments.
 */
import { Effect, Schema } from "effect"
import { type CustomerAddressRecord, CustomerRecord } from "../../connectors/vendure/schemas/customer.ts"
import { defineMapping } from "../../core/mapping/index.ts"
import { optional, Problems } from "../../core/mapping/problems.ts"
import { Customer, normalizeEmail, toInstant } from "../../core/model/index.ts"
import { decodeAddress, encodeAddress } from "./address.ts"

type CustomerEncoded = typeof Customer.Encoded

const given = (value: string | null): string | undefined => {
  const trimmed = value?.trim() ?? ""
  return trimmed === "" ? undefined : trimmed
}

const addressesOf = (addresses: ReadonlyArray<CustomerAddressRecord>, problems: Problems) =>
  addresses.flatMap((address, i) => {
    const decoded = decodeAddress({ ...address, countryCode: address.country.code }, ["addresses", i], problems)
    if (decoded === undefined) return []
    const shipping = { ...decoded, kind: "shipping" as const, isDefault: address.defaultShippingAddress === true }
    return address.defaultBillingAddress === true
      ? [shipping, { ...decoded, kind: "billing" as const, isDefault: true }]
      : [shipping]
  })

const CustomerFromVendure = Schema.transformOrFail(CustomerRecord, Customer, {
  strict: true,
  decode: (customer, _, ast) =>
    Effect.gen(function* () {
      const problems = new Problems(ast, customer)
      const email = customer.emailAddress.trim()
      if (email === "")
        problems.add(["emailAddress"], "a Vendure customer needs an e-mail address", customer.emailAddress)
      const addresses = addressesOf(customer.addresses ?? [], problems)
      const updatedAt = problems.attempt(["updatedAt"], () => toInstant(customer.updatedAt))
      const phone = given(customer.phoneNumber)
      return yield* problems.result(
        (): CustomerEncoded => ({
          email: normalizeEmail(email),
          additionalEmails: [],
          ...optional("firstName", given(customer.firstName)),
          ...optional("lastName", given(customer.lastName)),
          phones: phone === undefined ? [] : [{ number: phone }],
          addresses,
          consents: [],
          segments: customer.groups.map((g) => g.name),
          attributes: customer.title === null || customer.title === "" ? {} : { title: customer.title },
          updatedAt: updatedAt!,
        }),
      )
    }),
  encode: (customer) =>
    Effect.succeed({
      id: customer.customerNumber ?? customer.email ?? "",
      createdAt: customer.updatedAt,
      updatedAt: customer.updatedAt,
      title: typeof customer.attributes.title === "string" ? customer.attributes.title : null,
      firstName: customer.firstName ?? "",
      lastName: customer.lastName ?? "",
      emailAddress: customer.email ?? "",
      phoneNumber: customer.phones[0]?.number ?? null,
      addresses: customer.addresses
        .filter((a) => a.kind === "shipping")
        .map((a, i) => {
          const { countryCode, ...fields } = encodeAddress(a)
          const billing = customer.addresses.some(
            (b) => b.kind === "billing" && b.isDefault && b.line1 === a.line1 && b.city === a.city,
          )
          return {
            ...fields,
            id: String(i + 1),
            streetLine1: a.line1,
            country: { code: countryCode ?? a.countryCode },
            defaultShippingAddress: a.isDefault,
            defaultBillingAddress: billing,
          }
        }),
      groups: customer.segments.map((name, i) => ({ id: String(i + 1), name })),
    }),
})

/** Vendure customers → canonical customers (read only). */
export const customerMapping = defineMapping({ entity: "customer", read: CustomerFromVendure })
