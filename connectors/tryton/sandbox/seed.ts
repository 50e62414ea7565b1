/**
 * The sandbox's data: first what `scripts/peers/tryton.sh init` leaves in a fresh Tryton 6.0
 * database (the stock module's locations with their ids, the unit, EUR, the countries, the
 * company and its party), then Alpenglow Outfitters' catalog, stock, customers and one shipped
 * sale, made through the same calls a user of the real server makes.
 */
import type { Store } from "./store.ts"
import { wireDate, wireDecimal } from "./values.ts"
import { press } from "./workflow.ts"

const at = (iso: string) => new Date(iso)

/** Loads the seed; `clock` sets the transaction time of each step. */
export const loadSeed = (store: Store, clock: (date: Date) => void): void => {
  clock(at("2026-11-02T08:00:00.100000Z"))
  store.create("product.uom", [{ name: "Unit", symbol: "u" }])
  store.create("currency.currency", [
    { name: "Euro", code: "EUR", symbol: "€", digits: 2, rounding: wireDecimal("0.01") },
  ])
  store.create(
    "country.country",
    ["DE:Germany", "AT:Austria", "FR:France", "NL:Netherlands", "US:United States"].map((c) => {
      const [code, name] = c.split(":")
      return { code, name }
    }),
  )
  // Ids as on the real server: IN 1, OUT 2, STO 3, lost and found 4, WH 5, SUP 6, CUS 7, transit 8.
  store.create("stock.location", [
    { name: "Input Zone", code: "IN", type: "storage" },
    { name: "Output Zone", code: "OUT", type: "storage" },
    { name: "Storage Zone", code: "STO", type: "storage" },
    { name: "Lost and Found", type: "lost_found" },
    {
      name: "Warehouse",
      code: "WH",
      type: "warehouse",
      input_location: 1,
      output_location: 2,
      storage_location: 3,
      lost_found_location: 4,
    },
    { name: "Supplier", code: "SUP", type: "supplier" },
    { name: "Customer", code: "CUS", type: "customer" },
    { name: "Transit", type: "storage" },
  ])
  store.write("stock.location", [1, 2, 3], { parent: 5 })
  store.create("party.party", [
    {
      name: "ESL Test Trading GmbH",
      addresses: [["create", [{ street: "Hafenstraße 12", postal_code: "20457", city: "Hamburg", country: 1 }]]],
    },
  ])
  store.create("company.company", [{ party: 1, currency: 1 }])
  store.create("res.user", [{ login: "admin", name: "Administrator", company: 1 }])
  store.create("stock.location", [
    { name: "Berlin Store Shelves", code: "BER-STO", type: "storage" },
    { name: "Berlin Store Input", code: "BER-IN", type: "storage" },
    { name: "Berlin Store Output", code: "BER-OUT", type: "storage" },
  ])
  store.create("stock.location", [
    {
      name: "Berlin Store",
      code: "BER",
      type: "warehouse",
      storage_location: 9,
      input_location: 10,
      output_location: 11,
      lost_found_location: 4,
    },
  ])
  store.write("stock.location", [9, 10, 11], { parent: 12 })

  clock(at("2026-11-23T09:15:00.250113Z"))
  store.create("product.template", [
    {
      name: "Trail Runner Tee",
      code: "TEE",
      type: "goods",
      salable: true,
      list_price: wireDecimal("29.90"),
      default_uom: 1,
      sale_uom: 1,
      products: [
        [
          "create",
          [
            { suffix_code: "-M", cost_price: wireDecimal("9.50") },
            { suffix_code: "-L", cost_price: wireDecimal("9.50") },
          ],
        ],
      ],
    },
    {
      name: "Alpine Water Bottle 0.75 l",
      type: "goods",
      salable: true,
      list_price: wireDecimal("19.99"),
      default_uom: 1,
      sale_uom: 1,
      products: [["create", [{ suffix_code: "ALP-BOTTLE-075", cost_price: wireDecimal("6.10") }]]],
    },
    {
      name: "Summit Down Jacket",
      code: "JKT-SUMMIT",
      type: "goods",
      salable: true,
      list_price: wireDecimal("249.00"),
      default_uom: 1,
      sale_uom: 1,
      products: [["create", [{ suffix_code: null }]]],
    },
    {
      name: "Gift Wrapping",
      code: "SRV-GIFT",
      type: "service",
      salable: true,
      list_price: wireDecimal("3.50"),
      default_uom: 1,
      products: [["create", [{}]]],
    },
  ])
  clock(at("2026-11-24T14:02:11.507996Z"))
  store.write("product.template", [2], { list_price: wireDecimal("21.50") })
  store.write("product.template", [3], { active: false })

  clock(at("2026-11-25T07:30:00.000412Z"))
  for (const [location, lines] of [
    [
      3,
      [
        [1, 40],
        [2, 12],
        [3, 120],
      ],
    ],
    [
      9,
      [
        [2, 7],
        [1, 3],
      ],
    ],
  ] as const) {
    const [inventory] = store.create("stock.inventory", [
      {
        location,
        date: wireDate(at("2026-11-25T00:00:00Z")),
        company: 1,
        lines: [["create", lines.map(([product, quantity]) => ({ product, quantity }))]],
      },
    ])
    press(store, "stock.inventory", "confirm", [inventory ?? 0])
  }

  clock(at("2026-11-26T10:45:30.918274Z"))
  store.create("party.party", [
    {
      name: "Ada Lovelace",
      addresses: [
        ["create", [{ name: "Ada Lovelace", street: "Main St 1", postal_code: "10115", city: "Berlin", country: 1 }]],
      ],
      contact_mechanisms: [
        [
          "create",
          [
            { type: "email", value: "ada@example.com" },
            { type: "phone", value: "+49 30 1234567" },
          ],
        ],
      ],
    },
    {
      name: "Berg & Tal Sport GmbH",
      code: "C-1042",
      addresses: [["create", [{ street: "Hafenweg 3\nHof 2", postal_code: "20457", city: "Hamburg", country: 1 }]]],
      contact_mechanisms: [["create", [{ type: "email", value: "einkauf@bergtal.example" }]]],
    },
    {
      name: "Jonas Weber",
      addresses: [["create", [{ street: "Lindenstraße 8", postal_code: "1010", city: "Wien", country: 2 }]]],
    },
  ])
  clock(at("2026-11-27T16:20:05.004001Z"))
  store.create("party.contact_mechanism", [{ party: 4, type: "email", value: "jonas.weber@example.at" }])

  clock(at("2026-11-28T11:34:00.102750Z"))
  const [sale] = store.create("sale.sale", [
    {
      party: 2,
      company: 1,
      currency: 1,
      warehouse: 5,
      invoice_address: 2,
      shipment_address: 2,
      invoice_method: "manual",
      shipment_method: "order",
      reference: "shop:1001",
      description: "shop",
      sale_date: wireDate(at("2026-11-28T00:00:00Z")),
      lines: [
        [
          "create",
          [
            {
              type: "line",
              product: 1,
              quantity: 2,
              unit: 1,
              unit_price: wireDecimal("29.90"),
              description: "Trail Runner Tee M",
            },
            { type: "line", quantity: 1, unit_price: wireDecimal("4.90"), description: "Shipping (standard)" },
          ],
        ],
      ],
    },
  ])
  press(store, "sale.sale", "quote", [sale ?? 0])
  press(store, "sale.sale", "confirm", [sale ?? 0])
  clock(at("2026-11-29T08:05:12.727366Z"))
  for (const step of ["assign_try", "pick", "pack", "done"]) press(store, "stock.shipment.out", step, [1])
}
