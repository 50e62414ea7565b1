import { describe, expect, it } from "vitest"
import { useShopifySandbox } from "../testing.ts"

const { sandbox } = useShopifySandbox()

// biome-ignore lint/suspicious/noExplicitAny: the tests read the JSON answer freely; its shape is what they assert.
type Json = any

const endpoint = "https://alpenglow.myshopify.com/admin/api/2025-01/graphql.json"
const post = async (request: unknown, token: string | null = "shpat_test") => {
  const response = await fetch(endpoint, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...(token === null ? {} : { "X-Shopify-Access-Token": token }) },
    body: JSON.stringify(request),
  })
  const body: Json = await response.json()
  return { status: response.status, body }
}
const query = (text: string, variables?: Record<string, unknown>) => post({ query: text, variables })

describe("Shopify sandbox", () => {
  it("answers 401 like Shopify without an access token", async () => {
    for (const token of [null, ""]) {
      const { status, body } = await post({ query: "{ shop { name } }" }, token)
      expect(status).toBe(401)
      expect(body).toEqual({ errors: "[API] Invalid API key or access token (unrecognized login or wrong password)" })
    }
  })

  it("refuses a field the Admin schema does not have, as a Shopify validation error", async () => {
    const { status, body } = await query("query Sizes { products(first: 5) { nodes { id shoeSize } } }")
    expect(status).toBe(200)
    expect(body).toEqual({
      errors: [
        {
          message: "Field 'shoeSize' doesn't exist on type 'Product'",
          locations: [{ line: 1, column: 47 }],
          path: ["query Sizes", "products", "nodes", "shoeSize"],
          extensions: { code: "undefinedField", typeName: "Product", fieldName: "shoeSize" },
        },
      ],
    })
  })

  it("refuses an argument the field does not accept and a missing required one", async () => {
    const { body } = await query("{ product { id } products(first: 1, color: RED) { nodes { id } } }")
    expect(body.errors.map((e: { extensions: { code: string } }) => e.extensions.code).sort()).toEqual([
      "argumentNotAccepted",
      "missingRequiredArguments",
    ])
  })

  it("charges the documented cost and reports the bucket", async () => {
    // 2 for the connection + 10 × (1 product + 2 + 5 × 1 variant)
    const { body } = await query("{ products(first: 10) { nodes { title variants(first: 5) { nodes { sku } } } } }")
    expect(body.extensions.cost).toEqual({
      requestedQueryCost: 82,
      actualQueryCost: 6,
      throttleStatus: { maximumAvailable: 1000, currentlyAvailable: 994, restoreRate: 100 },
    })
  })

  it("refuses a query over 1000 points before running it", async () => {
    const { body } = await query("{ products(first: 250) { nodes { variants(first: 250) { nodes { sku } } } } }")
    expect(body.errors[0].extensions).toMatchObject({ code: "MAX_COST_EXCEEDED", maxCost: 1000 })
    expect(body.data).toBeUndefined()
  })

  it("answers THROTTLED with the throttle status when the bucket cannot hold the query", async () => {
    sandbox.state.throttle.maximumAvailable = 20
    const { status, body } = await query("{ products(first: 25) { nodes { id } } }")
    expect(status).toBe(200)
    expect(body).toEqual({
      errors: [
        {
          message: "Throttled",
          extensions: { code: "THROTTLED", documentation: "https://shopify.dev/api/usage/limits#rate-limits" },
        },
      ],
      extensions: {
        cost: {
          requestedQueryCost: 27,
          actualQueryCost: null,
          throttleStatus: { maximumAvailable: 20, currentlyAvailable: 20, restoreRate: 100 },
        },
      },
    })
  })

  it("does not throttle when rate limits are off", async () => {
    sandbox.state.throttle.maximumAvailable = 20
    sandbox.state.throttle.enabled = false
    const { body } = await query("{ products(first: 25) { nodes { id } } }")
    expect(body.data.products.nodes).toHaveLength(1)
    expect(body.extensions.cost.throttleStatus.currentlyAvailable).toBe(20)
  })

  it("filters by updated_at and sku, sorts by UPDATED_AT and pages with opaque cursors", async () => {
    const page = `query Page($after: String) {
      customers(first: 1, after: $after, sortKey: UPDATED_AT, query: "updated_at:>='2025-01-12T09:30:00Z'") {
        nodes { email } pageInfo { hasNextPage endCursor }
      }
    }`
    const emails: Array<string> = []
    let after: string | null = null
    do {
      const { body } = await query(page, { after })
      emails.push(...body.data.customers.nodes.map((c: { email: string }) => c.email))
      after = body.data.customers.pageInfo.hasNextPage ? body.data.customers.pageInfo.endCursor : null
      if (after !== null) expect(JSON.parse(Buffer.from(after, "base64").toString())).toHaveProperty("last_id")
    } while (after !== null)
    expect(emails).toEqual(["jonas.becker@example.com", "einkauf@bergsport-mueller.de", "sophie.wagner@Example.AT"])

    const { body } = await query(
      `{ productVariants(first: 5, query: "sku:'ALP-STICKER-PACK' OR sku:'ALP-NOPE'") { nodes { sku } } }`,
    )
    expect(body.data.productVariants.nodes).toEqual([{ sku: "ALP-STICKER-PACK" }])
  })

  it("reads any record by GID with nodes(ids:), null for unknown ids", async () => {
    const { body } = await query(`{ nodes(ids: ["gid://shopify/Order/5912345678901", "gid://shopify/Order/1"]) {
      __typename ... on Order { name totalPriceSet { shopMoney { amount currencyCode } } customer { email } }
    } }`)
    expect(body.data.nodes).toEqual([
      {
        __typename: "Order",
        name: "#1001",
        totalPriceSet: { shopMoney: { amount: "89.3", currencyCode: "EUR" } },
        customer: { email: "lena.schneider@example.de" },
      },
      null,
    ])
  })

  it("validates productSet input and answers user errors with field paths, changing nothing", async () => {
    const { body } = await query(
      `mutation Set($input: ProductSetInput!) { productSet(input: $input) { product { id } userErrors { field message code } } }`,
      {
        input: {
          title: "",
          productOptions: [{ name: "Size", values: [{ name: "M" }] }],
          variants: [{ sku: "ALP-STICKER-PACK", optionValues: [{ optionName: "Size", name: "XL" }] }],
        },
      },
    )
    expect(body.data.productSet).toEqual({
      product: null,
      userErrors: [
        { field: ["input", "title"], message: "Title can't be blank", code: "INVALID_PRODUCT" },
        {
          field: ["input", "variants", "0", "optionValues"],
          message: "Option value 'XL' does not exist",
          code: "OPTION_VALUE_DOES_NOT_EXIST",
        },
        {
          field: ["input", "variants", "0", "sku"],
          message: "SKU 'ALP-STICKER-PACK' is already used by product 'Alpenglow Sticker Pack'",
          code: "INVALID_VARIANT",
        },
      ],
    })
    expect(sandbox.state.products).toHaveLength(1)
  })

  it("sets quantities all or nothing, validating items and locations", async () => {
    const item = sandbox.state.products[0]!.variants[0]!.inventoryItem.id
    const set = `mutation Set($input: InventorySetQuantitiesInput!) {
      inventorySetQuantities(input: $input) { inventoryAdjustmentGroup { reason changes { name delta quantityAfterChange } } userErrors { field code } }
    }`
    const input = (quantities: Array<Record<string, unknown>>) => ({
      input: { name: "available", reason: "correction", ignoreCompareQuantity: true, quantities },
    })
    const bad = await query(
      set,
      input([
        { inventoryItemId: item, locationId: "gid://shopify/Location/71234567001", quantity: 50 },
        {
          inventoryItemId: "gid://shopify/InventoryItem/1",
          locationId: "gid://shopify/Location/71234567001",
          quantity: 5,
        },
        { inventoryItemId: item, locationId: "gid://shopify/Location/9", quantity: 5 },
      ]),
    )
    expect(bad.body.data.inventorySetQuantities).toEqual({
      inventoryAdjustmentGroup: null,
      userErrors: [
        { field: ["input", "quantities", "1", "inventoryItemId"], code: "INVALID_INVENTORY_ITEM" },
        { field: ["input", "quantities", "2", "locationId"], code: "INVALID_LOCATION" },
      ],
    })
    expect(sandbox.state.inventoryLevels[0]?.quantities.on_hand).toBe(120)
    const good = await query(
      set,
      input([{ inventoryItemId: item, locationId: "gid://shopify/Location/71234567001", quantity: 50 }]),
    )
    expect(good.body.data.inventorySetQuantities.inventoryAdjustmentGroup).toEqual({
      reason: "correction",
      changes: [{ name: "available", delta: -66, quantityAfterChange: 50 }],
    })
    // Four are committed to open orders: on hand moves with available.
    expect(sandbox.state.inventoryLevels[0]?.quantities.on_hand).toBe(54)
  })
})
