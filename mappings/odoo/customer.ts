/**
 * `customer` ⇄ a commercial `res.partner` (read: the partners stream's record, write: the
 * partners sink's payload). Reference → customer number; a company partner → the B2B company;
 * e-mails of the partner's own field beyond the first, and of its contacts, → additional
 * e-mails. Addresses: the partner's own is the first billing address, its invoice children
 * more billing addresses, its delivery (and other) children the shipping addresses.
 */
import { Effect, Schema } from "effect"
import {
  OdooCustomer,
  type PartnerAddressPayload,
  PartnerPayload,
  type PartnerRecord,
} from "../../connectors/odoo/schemas/partner.ts"
import { defineMapping } from "../../core/mapping/index.ts"
import { type Address, Customer } from "../../core/model/index.ts"
import { instantOf, odooDatetimeOf, textOf } from "./odooValues.ts"
import {
  addressFields,
  addressOf,
  emailsOf,
  emptyPartner,
  joinName,
  languageOf,
  odooLangOf,
  type PartnerAddressFields,
  splitName,
} from "./partnerFields.ts"

type CustomerRecord = typeof Customer.Encoded
type CanonicalAddress = CustomerRecord["addresses"][number]

interface PartnerShape<Name extends string | false = string | false> extends PartnerAddressFields {
  readonly name: Name
  readonly is_company: boolean
  readonly ref: string | false
  readonly email: string | false
  readonly phone: string | false
  readonly vat: string | false
  readonly lang: string | false
}

interface ChildAddress extends PartnerAddressFields {
  readonly kind: "billing" | "shipping"
  readonly name: string | false
  readonly phone: string | false
}

/** The canonical customer from a partner, its child addresses and its contacts' e-mails. */
const customerOf = (
  partner: PartnerShape,
  children: ReadonlyArray<ChildAddress>,
  contactEmails: ReadonlyArray<string>,
  updatedAt: string,
): CustomerRecord => {
  const company = partner.is_company ? textOf(partner.name) : undefined
  const [email, ...more] = emailsOf(partner.email)
  const additionalEmails = [...new Set([...more, ...contactEmails])].filter((e) => e !== email)
  const own = addressOf(partner, { ...(company === undefined ? { name: partner.name } : { company }) })
  const list = (kind: "billing" | "shipping", first: ReadonlyArray<Address>): Array<CanonicalAddress> =>
    [
      ...first,
      ...children.flatMap((c) => {
        const address = c.kind === kind ? addressOf(c, { company, name: c.name, phone: c.phone }) : undefined
        return address === undefined ? [] : [address]
      }),
    ].map((address, index) => ({ ...address, kind, isDefault: index === 0 }))
  const customerNumber = textOf(partner.ref)
  const vatId = textOf(partner.vat)
  const phone = textOf(partner.phone)
  const language = languageOf(partner.lang)
  return {
    ...(customerNumber === undefined ? {} : { customerNumber }),
    ...(email === undefined ? {} : { email }),
    additionalEmails,
    ...(company === undefined ? splitName(partner.name) : {}),
    phones: phone === undefined ? [] : [{ number: phone }],
    addresses: [...list("billing", own === undefined ? [] : [own]), ...list("shipping", [])],
    ...(company === undefined ? {} : { company: { name: company, ...(vatId === undefined ? {} : { vatId }) } }),
    consents: [],
    segments: [],
    attributes: language === undefined ? {} : { language },
    updatedAt,
  }
}

/** The partner's own fields and its child addresses from a canonical customer. */
const partnerOf = (customer: CustomerRecord) => {
  const billing = customer.addresses.filter((a) => a.kind === "billing")
  const shipping = customer.addresses.filter((a) => a.kind === "shipping")
  const [own, ...invoices] = billing
  const ownFields = addressFields(own)
  const name = customer.company?.name ?? joinName(customer) ?? customer.email ?? customer.customerNumber ?? ""
  const partner: PartnerShape<string> = {
    ...ownFields,
    name,
    is_company: customer.company !== undefined,
    ref: customer.customerNumber ?? false,
    email: [customer.email, ...customer.additionalEmails].filter((e) => e !== undefined).join(", ") || false,
    phone: customer.phones[0]?.number ?? false,
    vat: customer.company?.vatId ?? false,
    lang: odooLangOf(customer.attributes.language),
  }
  const children = [
    ...invoices.map((a) => ({ ...addressFields(a), type: "invoice" as const })),
    ...shipping.map((a) => ({ ...addressFields(a), type: "delivery" as const })),
  ]
  return { partner, children }
}

/** OdooCustomer ⇄ Customer. */
export const customerRead = Schema.transformOrFail(OdooCustomer, Customer, {
  strict: true,
  decode: (raw) =>
    Effect.succeed(
      customerOf(
        raw,
        raw.children.flatMap((c): ReadonlyArray<ChildAddress> => {
          if (c.type === "invoice") return [{ ...c, kind: "billing" }]
          return c.type === "delivery" || c.type === "other" ? [{ ...c, kind: "shipping" }] : []
        }),
        raw.children.filter((c) => c.type === "contact").flatMap((c) => emailsOf(c.email)),
        instantOf(raw.changed_at),
      ),
    ),
  encode: (customer) => {
    const { partner, children } = partnerOf(customer)
    const at = odooDatetimeOf(customer.updatedAt)
    return Effect.succeed({
      ...emptyPartner(0),
      ...partner,
      write_date: at,
      children: children.map(
        (c, i): PartnerRecord => ({ ...emptyPartner(i + 1), ...c, parent_id: [0, partner.name], write_date: at }),
      ),
      changed_at: at,
    })
  },
})

/** PartnerPayload ⇄ Customer: what the partners sink writes. */
export const customerWrite = Schema.transformOrFail(PartnerPayload, Customer, {
  strict: true,
  decode: (payload) =>
    Effect.succeed(
      customerOf(
        payload,
        payload.addresses.map((a) => ({
          ...a,
          kind: a.type === "invoice" ? ("billing" as const) : ("shipping" as const),
        })),
        [],
        payload.updated_at,
      ),
    ),
  encode: (customer) => {
    const { partner, children } = partnerOf(customer)
    const addresses: Array<PartnerAddressPayload> = children.flatMap((c) =>
      c.street === false || c.city === false || c.country_code === false
        ? []
        : [
            {
              type: c.type,
              name: c.name,
              street: c.street,
              street2: c.street2,
              city: c.city,
              zip: c.zip,
              country_code: c.country_code,
              phone: c.phone,
            },
          ],
    )
    return Effect.succeed({ ...partner, addresses, updated_at: customer.updatedAt })
  },
})

/** `customer`: read from the partners stream, written by the partners sink. */
export const customerMapping = defineMapping({ entity: "customer", read: customerRead, write: customerWrite })
