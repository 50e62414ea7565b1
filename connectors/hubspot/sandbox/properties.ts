/**
 * The properties the sandbox account defines per object type, as the properties API describes
 * them: HubSpot's standard ones the connector uses, and the custom ones a portal set up for esl
 * creates (`customer_number` with unique values, `vat_number`, `esl_consent_source`,
 * `esl_consent_at`). Writing any other property is refused with `PROPERTY_DOESNT_EXIST`.
 */

export type PropertyType = "string" | "number" | "bool" | "datetime" | "enumeration"

export interface PropertyDefinition {
  readonly type: PropertyType
  /** `hasUniqueValue`: usable as `idProperty`; a second record with the same value is refused. */
  readonly unique?: boolean
  /** Calculated by HubSpot; a write is refused with `READ_ONLY_VALUE`. */
  readonly readOnly?: boolean
  readonly options?: ReadonlyArray<string>
}

const readOnly = (type: PropertyType = "string"): PropertyDefinition => ({ type, readOnly: true })
const text: PropertyDefinition = { type: "string" }
const number: PropertyDefinition = { type: "number" }

/** `hs_legal_basis` options (contacts). */
export const LEGAL_BASIS_OPTIONS = [
  "Legitimate interest – prospect/lead",
  "Legitimate interest – existing customer",
  "Legitimate interest - other",
  "Performance of a contract",
  "Freely given consent from contact",
  "Not applicable",
] as const

const common = (dateProperty: string): Record<string, PropertyDefinition> => ({
  hs_object_id: readOnly("number"),
  createdate: readOnly("datetime"),
  [dateProperty]: readOnly("datetime"),
})

const address = {
  address: text,
  city: text,
  zip: text,
  state: text,
  country: text,
  phone: text,
}

/** Property definitions by object type. */
export const propertyCatalogue: Readonly<Record<string, Readonly<Record<string, PropertyDefinition>>>> = {
  contacts: {
    ...common("lastmodifieddate"),
    email: { type: "string", unique: true },
    firstname: text,
    lastname: text,
    mobilephone: text,
    company: text,
    ...address,
    hs_language: text,
    customer_number: { type: "string", unique: true },
    hs_email_optout: { type: "bool" },
    hs_legal_basis: { type: "enumeration", options: LEGAL_BASIS_OPTIONS },
    hs_marketable_status: readOnly("bool"),
    esl_consent_source: text,
    esl_consent_at: { type: "datetime" },
  },
  companies: {
    ...common("hs_lastmodifieddate"),
    name: text,
    domain: text,
    customer_number: { type: "string", unique: true },
    vat_number: text,
    ...address,
  },
  products: {
    ...common("hs_lastmodifieddate"),
    name: text,
    description: text,
    hs_sku: { type: "string", unique: true },
    price: number,
    hs_product_type: { type: "enumeration", options: ["inventory", "non_inventory", "service"] },
  },
  line_items: {
    ...common("hs_lastmodifieddate"),
    name: text,
    hs_sku: text,
    hs_product_id: number,
    quantity: number,
    price: number,
    amount: readOnly("number"),
    hs_total_discount: number,
    hs_tax_rate: number,
    hs_tax_amount: number,
    hs_line_item_currency_code: text,
  },
  orders: {
    ...common("hs_lastmodifieddate"),
    hs_order_name: text,
    hs_external_order_id: text,
    hs_source_store: text,
    hs_currency_code: text,
    hs_external_created_date: { type: "datetime" },
    hs_subtotal_price: number,
    hs_order_discount: number,
    hs_shipping_cost: number,
    hs_tax: number,
    hs_total_price: number,
    hs_payment_status: text,
    hs_fulfillment_status: text,
    hs_shipping_address_street: text,
    hs_shipping_address_city: text,
    hs_shipping_address_postal_code: text,
    hs_shipping_address_country: text,
    hs_billing_address_street: text,
    hs_billing_address_city: text,
    hs_billing_address_postal_code: text,
    hs_billing_address_country: text,
  },
}

/** The last-modified property of an object type. */
export const dateProperty = (objectType: string): string =>
  objectType === "contacts" ? "lastmodifieddate" : "hs_lastmodifieddate"
