import { Schema } from "effect"
import { describe, expect, it } from "vitest"
import { type Canonical, Entities, type EntityName, entityNames, isEntityName, naturalKeyOf } from "./entities.ts"

const updatedAt = "2026-11-23T09:00:00Z"
const eur = (amount: number) => ({ amount, currency: "EUR" })

/** One valid record per entity, decoded through its schema so the keys below are of real records. */
const records: { readonly [E in EntityName]: Canonical<E> } = {
  product: Schema.decodeUnknownSync(Entities.product)({
    productNumber: "TSHIRT-ORG",
    title: { en: "Organic T-Shirt" },
    categories: [],
    media: [],
    status: "active",
    attributes: {},
    variants: [{ sku: "TSHIRT-ORG-M-NAVY", options: [{ name: "Size", value: "M" }], status: "active" }],
    updatedAt,
  }),
  price: Schema.decodeUnknownSync(Entities.price)({
    sku: "TSHIRT-ORG-M-NAVY",
    priceList: "b2b-wholesale",
    currency: "EUR",
    minQuantity: 10,
    amount: eur(1850),
    taxIncluded: false,
    updatedAt,
  }),
  inventory: Schema.decodeUnknownSync(Entities.inventory)({
    sku: "TSHIRT-ORG-M-NAVY",
    locationCode: "BER-01",
    onHand: 24,
    reserved: 3,
    safetyStock: 2,
    incoming: 0,
    available: 19,
    updatedAt,
  }),
  location: Schema.decodeUnknownSync(Entities.location)({
    code: "BER-01",
    name: "Berlin Mitte",
    kind: "store",
    pickupEnabled: true,
    shipFromEnabled: false,
    updatedAt,
  }),
  category: Schema.decodeUnknownSync(Entities.category)({
    code: "apparel/shirts",
    name: { "de-DE": "Hemden", en: "Shirts" },
    parentCode: "apparel",
    updatedAt,
  }),
  customer: Schema.decodeUnknownSync(Entities.customer)({
    customerNumber: "K-10023",
    email: "Anna.Schmidt@example.de",
    additionalEmails: [],
    phones: [],
    addresses: [],
    consents: [],
    segments: [],
    attributes: {},
    updatedAt,
  }),
  order: Schema.decodeUnknownSync(Entities.order)({
    channel: "amazon-de",
    orderNumber: "303-1234567-7654321",
    currency: "EUR",
    taxesIncluded: true,
    lines: [{ sku: "TSHIRT-ORG-M-NAVY", quantity: 1, unitPrice: eur(2999), discounts: [], taxLines: [] }],
    shippingLines: [],
    discounts: [],
    totals: {
      subtotal: eur(2999),
      discountTotal: eur(0),
      shippingTotal: eur(0),
      taxTotal: eur(0),
      grandTotal: eur(2999),
    },
    paymentStatus: "paid",
    payments: [],
    fulfillmentMethod: { kind: "ship" },
    placedAt: updatedAt,
    status: "open",
    updatedAt,
  }),
  fulfillment: Schema.decodeUnknownSync(Entities.fulfillment)({
    channel: "amazon-de",
    orderNumber: "303-1234567-7654321",
    fulfillmentId: "DHL-00340434161094042557",
    lines: [{ sku: "TSHIRT-ORG-M-NAVY", quantity: 1 }],
    carrier: "DHL",
    trackingNumber: "00340434161094042557",
    status: "shipped",
    shippedAt: updatedAt,
    updatedAt,
  }),
  return: Schema.decodeUnknownSync(Entities.return)({
    channel: "shopify",
    returnId: "R-2026-0117",
    orderChannel: "shopify",
    orderNumber: "#1042",
    lines: [{ sku: "TSHIRT-ORG-M-NAVY", quantity: 1, reason: "too small" }],
    returnedAt: { kind: "store", locationCode: "BER-01" },
    refundAmount: eur(2499),
    status: "received",
    updatedAt,
  }),
  customerEvent: Schema.decodeUnknownSync(Entities.customerEvent)({
    eventId: "evt_01JDB2X9K7Q3",
    customer: { email: "Anna.Schmidt@example.de" },
    channel: "shopify",
    type: "carted",
    subject: { sku: "TSHIRT-ORG-M-NAVY" },
    occurredAt: updatedAt,
    updatedAt,
  }),
}

describe("naturalKeyOf", () => {
  it.each([
    ["product", "TSHIRT-ORG"],
    ["price", "TSHIRT-ORG-M-NAVY|b2b-wholesale|EUR|10"],
    ["inventory", "TSHIRT-ORG-M-NAVY@BER-01"],
    ["location", "BER-01"],
    ["category", "apparel/shirts"],
    ["customer", "no:K-10023"],
    ["order", "amazon-de:303-1234567-7654321"],
    ["fulfillment", "amazon-de:303-1234567-7654321:DHL-00340434161094042557"],
    ["return", "shopify:R-2026-0117"],
    ["customerEvent", "evt_01JDB2X9K7Q3"],
  ] as const)("keys a %s as %j", (entity, key) => {
    expect(naturalKeyOf(entity, records[entity])).toBe(key)
  })

  it("has a key, and a test above, for every entity", () => {
    expect(Object.keys(records).sort()).toEqual([...entityNames].sort())
  })

  it("keys a customer without a customer number by e-mail", () => {
    const { customerNumber: _, ...guest } = records.customer
    expect(naturalKeyOf("customer", guest)).toBe("email:Anna.Schmidt@example.de")
  })

  it("gives two price tiers of one SKU and list different keys", () => {
    const single = naturalKeyOf("price", { ...records.price, minQuantity: 1 })
    expect(single).not.toBe(naturalKeyOf("price", records.price))
  })

  it("gives the same order number on two channels different keys", () => {
    const shopify = naturalKeyOf("order", { ...records.order, channel: "shopify" })
    expect(shopify).not.toBe(naturalKeyOf("order", records.order))
  })
})

describe("entity names", () => {
  it("recognises the entities flows and mappings name", () => {
    expect(isEntityName("product")).toBe(true)
    expect(isEntityName("customerEvent")).toBe(true)
  })

  it("does not take an unknown name or an Object.prototype member for an entity", () => {
    expect(isEntityName("products")).toBe(false)
    expect(isEntityName("toString")).toBe(false)
    expect(isEntityName("constructor")).toBe(false)
  })
})
