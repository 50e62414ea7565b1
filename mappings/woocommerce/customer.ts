/**
 * WooCommerce customer ⇄ canonical Customer (read direction).
 *
 * - The natural key is the e-mail: WooCommerce's user id is not a customer number anyone else knows.
 * - Billing and shipping addresses become the customer's default addresses of that kind; an
 *   empty one (WooCommerce sends all fields `""`) is left out. The billing phone is the phone.
 * - The billing company becomes the B2B company. WooCommerce core keeps no marketing consents.
 */
import { Effect, Schema } from "effect"
import { gmtInstant } from "../../connectors/woocommerce/schemas/common.ts"
import { WooCustomer } from "../../connectors/woocommerce/schemas/customer.ts"
import { defineMapping } from "../../core/mapping/index.ts"
import { optional, Problems } from "../../core/mapping/problems.ts"
import { Customer, normalizeEmail, toInstant } from "../../core/model/index.ts"
import { addressFromWoo, addressToWoo, hasAddress } from "./address.ts"

type CustomerEncoded = typeof Customer.Encoded

const text = (value: string | null | undefined) =>
  value === null || value === undefined || value.trim() === "" ? undefined : value.trim()

const CustomerFromWoo = Schema.transformOrFail(WooCustomer, Customer, {
  strict: true,
  decode: (c, _, ast) =>
    Effect.gen(function* () {
      const problems = new Problems(ast, c)
      const email = text(c.email)
      if (email === undefined) problems.add(["email"], "a WooCommerce customer needs an e-mail to be matched", c.email)
      const updatedAt = problems.attempt(["date_modified_gmt"], () =>
        toInstant(gmtInstant(c.date_modified_gmt ?? c.date_created_gmt)),
      )
      const phone = text(c.billing.phone)
      const company = text(c.billing.company)
      return yield* problems.result(
        (): CustomerEncoded => ({
          email: normalizeEmail(email ?? ""),
          additionalEmails: [],
          ...optional("firstName", text(c.first_name)),
          ...optional("lastName", text(c.last_name)),
          phones: phone === undefined ? [] : [{ number: phone }],
          addresses: [
            ...(hasAddress(c.billing)
              ? [{ ...addressFromWoo(c.billing), kind: "billing" as const, isDefault: true }]
              : []),
            ...(hasAddress(c.shipping)
              ? [{ ...addressFromWoo(c.shipping), kind: "shipping" as const, isDefault: true }]
              : []),
          ],
          ...optional("company", company === undefined ? undefined : { name: company }),
          consents: [],
          segments: c.is_paying_customer ? ["paying-customer"] : [],
          attributes: { woocommerceUsername: c.username },
          updatedAt: updatedAt!,
        }),
      )
    }),
  encode: (customer) => {
    const billing = customer.addresses.find((a) => a.kind === "billing")
    const shipping = customer.addresses.find((a) => a.kind === "shipping")
    const stamp = customer.updatedAt.replace(/(\.\d+)?Z$/, "")
    const username = customer.attributes.woocommerceUsername
    const strip = <A extends { kind: unknown; isDefault: unknown }>(a: A | undefined) => {
      if (a === undefined) return undefined
      const { kind: _kind, isDefault: _isDefault, ...address } = a
      return address
    }
    const billingAddress = addressToWoo(strip(billing))
    return Effect.succeed({
      id: 0,
      date_created_gmt: stamp,
      date_modified_gmt: stamp,
      email: customer.email ?? "",
      first_name: customer.firstName ?? "",
      last_name: customer.lastName ?? "",
      role: "customer",
      username: typeof username === "string" ? username : "",
      billing: {
        ...billingAddress,
        company: customer.company?.name ?? billingAddress.company,
        phone: customer.phones[0]?.number ?? "",
        email: customer.email ?? "",
      },
      shipping: addressToWoo(strip(shipping)),
      is_paying_customer: customer.segments.includes("paying-customer"),
    })
  },
})

/** WooCommerce customers ⇄ canonical customers. */
export const customerMapping = defineMapping({ entity: "customer", read: CustomerFromWoo })
