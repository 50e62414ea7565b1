import { Schema } from "effect"
import { describe, expect, it } from "vitest"
import { money } from "./money.ts"
import { computeTotals, Order } from "./order.ts"
import { rejectedPaths, rejectionsOf } from "./testkit.ts"

const eur = (amount: number) => ({ amount, currency: "EUR" })
const vat19 = (amount: number) => ({ title: "MwSt. 19 %", rate: 0.19, amount: eur(amount) })

/**
 * A B2B order from a German shop with net prices (taxes on top): two lines, a bundle discount
 * on the first, a voucher on the order, DHL shipping with VAT.
 *   subtotal 2 × 24.99 + 12.99 = 62.97; discounts 5.00 + 3.00 = 8.00; shipping 4.90
 *   VAT 19 % of (49.98 − 5.00) = 8.55, of (12.99 − 3.00) = 1.90, of 4.90 = 0.93 → 11.38
 *   grand total 62.97 − 8.00 + 4.90 + 11.38 = 71.25
 */
const netOrder = {
  channel: "shopify",
  orderNumber: "#1042",
  customer: { customerNumber: "K-10023", email: "Anna.Schmidt@example.de" },
  currency: "EUR",
  taxesIncluded: false,
  lines: [
    {
      lineId: "gid://shopify/LineItem/13563725414456",
      sku: "TSHIRT-ORG-M-NAVY",
      title: "Organic T-Shirt – M / Navy",
      quantity: 2,
      unitPrice: eur(2499),
      discounts: [{ title: "Bundle: 2 shirts", amount: eur(500) }],
      taxLines: [vat19(855)],
    },
    {
      sku: "SOCK-3PK-4346",
      title: "Socks, 3-pack – 43-46",
      quantity: 1,
      unitPrice: eur(1299),
      discounts: [],
      taxLines: [vat19(190)],
    },
  ],
  shippingLines: [{ title: "DHL Paket", code: "dhl-standard", amount: eur(490), taxLines: [vat19(93)] }],
  discounts: [{ code: "WELCOME3", title: "3 € welcome voucher", amount: eur(300) }],
  totals: {
    subtotal: eur(6297),
    discountTotal: eur(800),
    shippingTotal: eur(490),
    taxTotal: eur(1138),
    grandTotal: eur(7125),
  },
  paymentStatus: "paid",
  payments: [{ gateway: "paypal", amount: eur(7125), status: "captured", reference: "8MC585209K746392H" }],
  fulfillmentMethod: { kind: "ship" },
  shippingAddress: {
    firstName: "Anna",
    lastName: "Schmidt",
    line1: "Torstraße 125",
    city: "Berlin",
    postalCode: "10119",
    countryCode: "DE",
  },
  placedAt: "2026-11-23T09:14:03Z",
  status: "open",
  updatedAt: "2026-11-23T09:14:05Z",
}

/**
 * The same basket in a B2C shop with gross prices (VAT included): VAT is reported, not added.
 *   subtotal 2 × 29.99 + 14.99 = 74.97; discounts 8.00; shipping 4.90
 *   VAT 19/119 of 54.98 = 8.78, of 11.99 = 1.91, of 4.90 = 0.78 → 11.47
 *   grand total 74.97 − 8.00 + 4.90 = 71.87
 */
const grossOrder = {
  ...netOrder,
  orderNumber: "#1043",
  taxesIncluded: true,
  lines: [
    { ...netOrder.lines[0]!, unitPrice: eur(2999), taxLines: [vat19(878)] },
    { ...netOrder.lines[1]!, unitPrice: eur(1499), taxLines: [vat19(191)] },
  ],
  shippingLines: [{ title: "DHL Paket", amount: eur(490), taxLines: [vat19(78)] }],
  totals: {
    subtotal: eur(7497),
    discountTotal: eur(800),
    shippingTotal: eur(490),
    taxTotal: eur(1147),
    grandTotal: eur(7187),
  },
  payments: [{ gateway: "stripe", amount: eur(7187), status: "captured" }],
}

const totalNames = ["subtotal", "discountTotal", "shippingTotal", "taxTotal", "grandTotal"] as const

const withTotal = <O extends Pick<typeof netOrder, "totals">>(
  order: O,
  name: (typeof totalNames)[number],
  delta: number,
) => ({
  ...order,
  totals: { ...order.totals, [name]: eur(order.totals[name].amount + delta) },
})

describe("an order whose totals add up", () => {
  it("passes with net prices and VAT on top", () => {
    expect(rejectionsOf(Order, netOrder)).toEqual([])
    expect(Schema.decodeUnknownSync(Order)(netOrder).totals.grandTotal).toEqual(eur(7125))
  })

  it("passes with gross prices and VAT included", () => {
    expect(rejectionsOf(Order, grossOrder)).toEqual([])
  })

  it("passes as a click & collect order picked up at a store, without shipping", () => {
    const pickup = {
      ...netOrder,
      fulfillmentMethod: { kind: "pickup", locationCode: "BER-01" },
      shippingLines: [],
      totals: {
        subtotal: eur(6297),
        discountTotal: eur(800),
        shippingTotal: eur(0),
        taxTotal: eur(855 + 190),
        grandTotal: eur(6297 - 800 + 855 + 190),
      },
      payments: [],
      paymentStatus: "pending",
    }
    expect(rejectionsOf(Order, pickup)).toEqual([])
  })

  it("computes the totals the schema checks against", () => {
    expect(computeTotals(Schema.decodeUnknownSync(Order)(netOrder))).toEqual(netOrder.totals)
    expect(computeTotals(Schema.decodeUnknownSync(Order)(grossOrder))).toEqual(grossOrder.totals)
  })
})

describe("an order whose totals do not add up", () => {
  it.each(totalNames)("rejects a %s one cent above the lines, at the path of that total", (name) => {
    expect(rejectedPaths(Order, withTotal(netOrder, name, +1))).toEqual([`totals.${name}.amount`])
  })

  it.each(totalNames)("rejects a %s one cent below the lines in a tax-inclusive order", (name) => {
    expect(rejectedPaths(Order, withTotal(grossOrder, name, -1))).toEqual([`totals.${name}.amount`])
  })

  it("rejects an order whose grand total is one cent off and says what the lines add up to", () => {
    expect(rejectionsOf(Order, withTotal(netOrder, "grandTotal", 1))).toEqual([
      { path: "totals.grandTotal.amount", message: "is 7126 but the lines add up to 7125" },
    ])
  })

  it("rejects a tax-inclusive order whose grand total adds the included VAT a second time", () => {
    const doubleTaxed = withTotal(grossOrder, "grandTotal", grossOrder.totals.taxTotal.amount)
    expect(rejectedPaths(Order, doubleTaxed)).toEqual(["totals.grandTotal.amount"])
  })

  it("rejects a net order whose grand total forgets the shipping VAT", () => {
    expect(rejectedPaths(Order, withTotal(netOrder, "grandTotal", -93))).toEqual(["totals.grandTotal.amount"])
  })
})

describe("currencies in an order", () => {
  it("rejects a line priced in another currency at the path of its unit price", () => {
    const order = {
      ...netOrder,
      lines: [netOrder.lines[0]!, { ...netOrder.lines[1]!, unitPrice: { amount: 1299, currency: "USD" } }],
    }
    expect(rejectionsOf(Order, order)).toEqual([
      { path: "lines[1].unitPrice.currency", message: "must be the order's currency EUR" },
    ])
  })

  it("rejects a tax line in another currency at its path", () => {
    const order = {
      ...netOrder,
      shippingLines: [
        { ...netOrder.shippingLines[0]!, taxLines: [{ ...vat19(93), amount: { amount: 93, currency: "CHF" } }] },
      ],
    }
    expect(rejectedPaths(Order, order)).toEqual(["shippingLines[0].taxLines[0].amount.currency"])
  })

  it("rejects a total in another currency at its path", () => {
    const order = { ...netOrder, totals: { ...netOrder.totals, taxTotal: { amount: 1138, currency: "USD" } } }
    expect(rejectedPaths(Order, order)).toEqual(["totals.taxTotal.currency"])
  })

  it("rejects a payment in another currency at its path", () => {
    const order = {
      ...netOrder,
      payments: [{ gateway: "paypal", amount: { amount: 8200, currency: "USD" }, status: "captured" }],
    }
    expect(rejectedPaths(Order, order)).toEqual(["payments[0].amount.currency"])
  })
})

describe("order lines", () => {
  const withQuantity = (quantity: number) => ({
    ...netOrder,
    lines: [{ ...netOrder.lines[0]!, quantity }, netOrder.lines[1]!],
  })

  it("rejects a quantity of 0", () => {
    expect(rejectedPaths(Order, withQuantity(0))).toEqual(["lines[0].quantity"])
  })

  it("rejects a fractional quantity of 1.5", () => {
    expect(rejectedPaths(Order, withQuantity(1.5))).toEqual(["lines[0].quantity"])
  })

  it("rejects a negative quantity", () => {
    expect(rejectedPaths(Order, withQuantity(-2))).toEqual(["lines[0].quantity"])
  })

  it("rejects an order without lines, pointing at the missing first line", () => {
    expect(rejectionsOf(Order, { ...netOrder, lines: [] })).toEqual([{ path: "lines[0]", message: "is missing" }])
  })

  it("rejects a discount sent as a negative amount (a discount is the amount taken off)", () => {
    const order = { ...netOrder, discounts: [{ code: "WELCOME3", title: "3 € welcome voucher", amount: eur(-300) }] }
    expect(rejectedPaths(Order, order)).toEqual(["discounts[0].amount.amount"])
  })

  it("rejects a tax rate given in percent instead of as a fraction", () => {
    const order = {
      ...netOrder,
      lines: [{ ...netOrder.lines[0]!, taxLines: [{ ...vat19(855), rate: 19 }] }, netOrder.lines[1]!],
    }
    expect(rejectedPaths(Order, order)).toEqual(["lines[0].taxLines[0].rate"])
  })

  it("rejects a pickup order without the store's location code", () => {
    expect(rejectedPaths(Order, { ...netOrder, fulfillmentMethod: { kind: "pickup" } })).toContain(
      "fulfillmentMethod.locationCode",
    )
  })

  it("rejects a placedAt in local time", () => {
    expect(rejectedPaths(Order, { ...netOrder, placedAt: "2026-11-23T10:14:03+01:00" })).toEqual(["placedAt"])
  })
})

describe("orders in currencies without cents or with three decimals", () => {
  it("adds up a JPY order with 10 % consumption tax included, in whole yen", () => {
    const yen = (value: string) => money(value, "JPY")
    const ct10 = (value: string) => ({ title: "消費税 10%", rate: 0.1, amount: yen(value) })
    const order = {
      channel: "rakuten",
      orderNumber: "338292-20261123-0041",
      currency: "JPY",
      taxesIncluded: true,
      lines: [{ sku: "MUG-KUTANI-350", quantity: 3, unitPrice: yen("1980"), discounts: [], taxLines: [ct10("540")] }],
      shippingLines: [{ title: "ヤマト運輸", amount: yen("550"), taxLines: [ct10("50")] }],
      discounts: [],
      totals: {
        subtotal: yen("5940"),
        discountTotal: yen("0"),
        shippingTotal: yen("550"),
        taxTotal: yen("590"),
        grandTotal: yen("6490"),
      },
      paymentStatus: "paid",
      payments: [],
      fulfillmentMethod: { kind: "ship" },
      placedAt: "2026-11-23T02:05:00Z",
      status: "confirmed",
      updatedAt: "2026-11-23T02:05:00Z",
    }
    expect(rejectionsOf(Order, order)).toEqual([])
    expect(rejectedPaths(Order, { ...order, totals: { ...order.totals, grandTotal: yen("6491") } })).toEqual([
      "totals.grandTotal.amount",
    ])
  })

  it("adds up a KWD order to the fils (three decimals)", () => {
    const kwd = (value: string) => money(value, "KWD")
    const order = {
      channel: "salla",
      orderNumber: "KW-2026-000317",
      currency: "KWD",
      taxesIncluded: false,
      lines: [{ sku: "OUD-ROYAL-100ML", quantity: 2, unitPrice: kwd("12.750"), discounts: [], taxLines: [] }],
      shippingLines: [{ title: "Aramex", amount: kwd("1.500"), taxLines: [] }],
      discounts: [{ code: "EID", title: "Eid offer", amount: kwd("2.125") }],
      totals: {
        subtotal: kwd("25.500"),
        discountTotal: kwd("2.125"),
        shippingTotal: kwd("1.500"),
        taxTotal: kwd("0"),
        grandTotal: kwd("24.875"),
      },
      paymentStatus: "authorized",
      payments: [{ gateway: "knet", amount: kwd("24.875"), status: "authorized" }],
      fulfillmentMethod: { kind: "ship" },
      placedAt: "2026-11-23T12:30:00Z",
      status: "open",
      updatedAt: "2026-11-23T12:31:10Z",
    }
    expect(order.totals.grandTotal).toEqual({ amount: 24875, currency: "KWD" })
    expect(rejectionsOf(Order, order)).toEqual([])
    expect(rejectedPaths(Order, { ...order, totals: { ...order.totals, grandTotal: kwd("24.874") } })).toEqual([
      "totals.grandTotal.amount",
    ])
  })
})
