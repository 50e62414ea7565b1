/**
 * Captures connectors/tryton/fixtures/*.json from a REAL Tryton: on a fresh database
 * (`scripts/peers/tryton.sh start`), makes Alpenglow's demo data through JSON-RPC as a user
 * would (the same data the sandbox seeds), then saves what each stream yields.
 *
 *   scripts/peers/tryton.sh start && eval "$(scripts/peers/tryton.sh env)" && npx tsx scripts/peers/tryton/capture-fixtures.ts
 */
import { writeFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { decimal } from "../../../connectors/tryton/schemas/values.ts"
import { customersStream } from "../../../connectors/tryton/streams/customers.ts"
import { fulfillmentsStream } from "../../../connectors/tryton/streams/fulfillments.ts"
import { inventoryStream } from "../../../connectors/tryton/streams/inventory.ts"
import { ordersStream } from "../../../connectors/tryton/streams/orders.ts"
import { pricesStream } from "../../../connectors/tryton/streams/prices.ts"
import { productsStream } from "../../../connectors/tryton/streams/products.ts"
import {
  clientOf,
  configFromEnv,
  createProduct,
  readAll,
  run,
  setStock,
  shipSale,
  systemFor,
  writeAll,
} from "../../../connectors/tryton/testing.ts"

const FIXTURES = fileURLToPath(new URL("../../../connectors/tryton/fixtures/", import.meta.url))
const config = configFromEnv()
if (config === undefined) throw new Error('set TRYTON_URL (eval "$(scripts/peers/tryton.sh env)")')
const system = await systemFor(config)
const client = clientOf(system)

await createProduct(client, { name: "Trail Runner Tee", code: "TEE", listPrice: "29.90", suffixes: ["-M", "-L"] })
await createProduct(client, { name: "Alpine Water Bottle 0.75 l", code: "ALP-BOTTLE-075", listPrice: "19.99" })
const [jacket] = await createProduct(client, { name: "Summit Down Jacket", code: "JKT-SUMMIT", listPrice: "249.00" })
const templateOf = async (sku: string) =>
  ((await run(client.call("product.template", "search", [[["code", "=", sku]], 0, 1, null]))) as Array<number>)[0] ?? 0
await run(
  client.call("product.template", "write", [[await templateOf("ALP-BOTTLE-075")], { list_price: decimal("21.50") }]),
)
await run(client.call("product.product", "write", [[jacket ?? 0], { active: false }]))
await setStock(client, "TEE-M", 40)
await setStock(client, "TEE-L", 12)
await setStock(client, "ALP-BOTTLE-075", 120)
await setStock(client, "TEE-L", 7, "BER-STO")
await writeAll(system, "customers", [
  {
    naturalKey: "email:ada@example.com",
    payload: {
      code: null,
      name: "Ada Lovelace",
      email: "ada@example.com",
      phone: "+49 30 1234567",
      addresses: [
        { name: "Ada Lovelace", street: "Main St 1", postal_code: "10115", city: "Berlin", country_code: "DE" },
      ],
      updated_at: "2026-11-26T10:45:30Z",
    },
  },
  {
    naturalKey: "no:C-1042",
    payload: {
      code: "C-1042",
      name: "Berg & Tal Sport GmbH",
      email: "einkauf@bergtal.example",
      phone: null,
      addresses: [
        { name: null, street: "Hafenweg 3\nHof 2", postal_code: "20457", city: "Hamburg", country_code: "DE" },
      ],
      updated_at: "2026-11-26T10:45:30Z",
    },
  },
])
await writeAll(system, "orders", [
  {
    naturalKey: "shop:1001",
    payload: {
      reference: "shop:1001",
      description: "shop",
      placed_at: "2026-11-28T11:34:00Z",
      currency: "EUR",
      prices_include_tax: true,
      customer: { code: null, email: "ada@example.com", name: "Ada Lovelace", phone: null },
      invoice_address: {
        name: "Ada Lovelace",
        street: "Main St 1",
        postal_code: "10115",
        city: "Berlin",
        country_code: "DE",
      },
      shipment_address: {
        name: "Ada Lovelace",
        street: "Main St 1",
        postal_code: "10115",
        city: "Berlin",
        country_code: "DE",
      },
      lines: [
        { kind: "product", sku: "TEE-M", description: "Trail Runner Tee M", quantity: 2, unit_price: "29.90" },
        { kind: "shipping", sku: null, description: "Shipping (standard)", quantity: 1, unit_price: "4.90" },
      ],
      comment: null,
      confirm: true,
      updated_at: "2026-11-28T11:34:00Z",
    },
  },
])
await shipSale(client, "shop:1001")
// A confirmed order not shipped yet: its waiting shipment lowers TEE-L's forecast in WH.
await writeAll(system, "orders", [
  {
    naturalKey: "shop:1002",
    payload: {
      reference: "shop:1002",
      description: "shop",
      placed_at: "2026-11-29T09:12:00Z",
      currency: "EUR",
      prices_include_tax: true,
      customer: { code: "C-1042", email: null, name: "Berg & Tal Sport GmbH", phone: null },
      invoice_address: null,
      shipment_address: null,
      lines: [{ kind: "product", sku: "TEE-L", description: "Trail Runner Tee L", quantity: 3, unit_price: "29.90" }],
      comment: null,
      confirm: true,
      updated_at: "2026-11-29T09:12:00Z",
    },
  },
])

const save = (name: string, records: unknown) =>
  writeFileSync(`${FIXTURES}${name}.json`, `${JSON.stringify(records, null, 2)}\n`)
save("products", await readAll(productsStream, system.context))
save("prices", await readAll(pricesStream, system.context))
save(
  "inventory",
  (await readAll(inventoryStream, system.context)).filter((l) => l.quantity !== 0 || l.forecast_quantity !== 0),
)
save("customers", await readAll(customersStream, system.context))
save("fulfillments", await readAll(fulfillmentsStream, system.context))
save("orders", await readAll(ordersStream, system.context))
console.log(`fixtures written to ${FIXTURES}`)
