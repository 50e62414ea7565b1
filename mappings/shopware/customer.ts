/**
 * Shopware customer → canonical Customer.
 *
 * - The newsletter recipient (`status`: `optIn` or `direct` = subscribed, `optOut` = withdrawn,
 *   `notSet` = double opt-in not confirmed, which proves no consent) becomes an e-mail marketing
 *   consent, dated when it was confirmed (or withdrawn), with source `shopware:newsletter:<status>`.
 * - A business account's `company` and first VAT id become the canonical company.
 * - The default billing address is the billing address; the others are shipping addresses, the
 *   default shipping one marked as default.
 */
import { Effect, Schema } from "effect"
import { shopwareId } from "../../connectors/shopware/ids.ts"
import type { NewsletterRecipient } from "../../connectors/shopware/schemas/customer.ts"
import { ShopwareCustomer } from "../../connectors/shopware/schemas/customer.ts"
import { defineMapping } from "../../core/mapping/index.ts"
import { Customer, normalizeEmail, toInstant } from "../../core/model/index.ts"
import { addressOf, failAt, shopwareAddressOf, shopwareTime } from "./values.ts"

type CustomerType = typeof Customer.Type
type ConsentType = CustomerType["consents"][number]

const SOURCE = "shopware:newsletter"

const consentOf = (recipient: NewsletterRecipient): ConsentType | undefined => {
  const granted = recipient.status === "optIn" || recipient.status === "direct"
  if (!granted && recipient.status !== "optOut") return undefined
  const at = granted ? (recipient.confirmedAt ?? recipient.createdAt) : (recipient.updatedAt ?? recipient.createdAt)
  return {
    channel: "email",
    purpose: "marketing",
    granted,
    at: toInstant(at),
    source: `${SOURCE}:${recipient.status}`,
  }
}

export const customerRead = Schema.transformOrFail(ShopwareCustomer, Customer, {
  strict: true,
  decode: (raw, _options, ast) =>
    Effect.gen(function* () {
      const email = normalizeEmail(raw.email)
      if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
        return yield* failAt(ast, raw, ["email"], `"${raw.email}" is not an e-mail address`)
      const consent = raw.newsletterRecipient ? consentOf(raw.newsletterRecipient) : undefined
      const company = raw.company?.trim()
      const vatId = raw.vatIds?.[0]
      return {
        customerNumber: raw.customerNumber,
        email,
        additionalEmails: [],
        firstName: raw.firstName,
        lastName: raw.lastName,
        phones: [],
        addresses: raw.addresses.map((a) => ({
          ...addressOf(a),
          kind: a.id === raw.defaultBillingAddressId ? ("billing" as const) : ("shipping" as const),
          isDefault: a.id === raw.defaultBillingAddressId || a.id === raw.defaultShippingAddressId,
        })),
        ...(company ? { company: { name: company, ...(vatId ? { vatId } : {}) } } : {}),
        consents: consent === undefined ? [] : [consent],
        segments: raw.group?.name ? [raw.group.name] : [],
        attributes: {},
        updatedAt: toInstant(raw.updatedAt ?? raw.createdAt),
      }
    }),
  encode: (customer) =>
    Effect.gen(function* () {
      const key = customer.customerNumber ?? customer.email ?? ""
      const addressId = (index: number) => shopwareId("address", `customer:${key}:${index}`)
      const billing = customer.addresses.findIndex((a) => a.kind === "billing" && a.isDefault)
      const shipping = customer.addresses.findIndex((a) => a.kind === "shipping" && a.isDefault)
      const billingId = addressId(Math.max(billing, 0))
      const consent = customer.consents.find((c) => c.channel === "email" && c.purpose === "marketing")
      const status = consent?.source.startsWith(`${SOURCE}:`)
        ? consent.source.slice(SOURCE.length + 1)
        : consent?.granted
          ? "direct"
          : "optOut"
      const at = shopwareTime(customer.updatedAt)
      return {
        id: shopwareId("customer", key),
        customerNumber: customer.customerNumber ?? "",
        email: customer.email ?? "",
        firstName: customer.firstName ?? "",
        lastName: customer.lastName ?? "",
        accountType: customer.company === undefined ? "private" : "business",
        company: customer.company?.name ?? null,
        vatIds: customer.company?.vatId === undefined ? null : [customer.company.vatId],
        defaultBillingAddressId: billingId,
        defaultShippingAddressId: shipping < 0 ? billingId : addressId(shipping),
        addresses: customer.addresses.map((a, index) => {
          const { kind: _kind, isDefault: _isDefault, ...address } = a
          return shopwareAddressOf(addressId(index), address)
        }),
        group: customer.segments[0] === undefined ? null : { name: customer.segments[0] },
        createdAt: at,
        updatedAt: at,
        newsletterRecipient:
          consent === undefined
            ? null
            : {
                id: shopwareId("newsletterRecipient", key),
                email: customer.email ?? "",
                status,
                confirmedAt: consent.granted ? shopwareTime(consent.at) : null,
                createdAt: shopwareTime(consent.at),
                updatedAt: consent.granted ? null : shopwareTime(consent.at),
              },
      }
    }),
})

/** `customer`: read from the customers stream. */
export const customerMapping = defineMapping<"customer", typeof ShopwareCustomer.Encoded, unknown>({
  entity: "customer",
  read: customerRead,
})
