// Gives an empty Vendure what a shop needs before it can price and sell, over the Admin API:
// Germany, a "Europe" zone, a standard tax category with a 19 % rate, the default channel in
// EUR with gross prices and Europe as its tax and shipping zone, a flat-rate shipping method
// fulfilled by hand and a payment method that settles at once. Every step looks first and only
// creates what is missing, so it can run again against a shop that already has it.
//   usage: node seed.mjs   (env VENDURE_URL, VENDURE_SUPERADMIN_USERNAME, VENDURE_SUPERADMIN_PASSWORD)

const base = (process.env.VENDURE_URL ?? "http://127.0.0.1:3000").replace(/\/+$/, "")
const username = process.env.VENDURE_SUPERADMIN_USERNAME ?? "superadmin"
const password = process.env.VENDURE_SUPERADMIN_PASSWORD ?? "superadmin"
let token

const admin = async (query, variables = {}) => {
  const response = await fetch(`${base}/admin-api`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  })
  token = response.headers.get("vendure-auth-token") ?? token
  const body = await response.json()
  if (body.errors) throw new Error(`${query.trim().split("\n")[0]}: ${JSON.stringify(body.errors)}`)
  return body.data
}

// Vendure answers business failures as ErrorResult members with HTTP 200.
const orFail = (result, what) => {
  if (result && typeof result.errorCode === "string") throw new Error(`${what}: ${result.errorCode} ${result.message}`)
  return result
}

const login = await admin(
  `mutation Login($username: String!, $password: String!) {
    login(username: $username, password: $password) { __typename ... on ErrorResult { errorCode message } } }`,
  { username, password },
)
orFail(login.login, "login")

const en = (name, extra = {}) => [{ languageCode: "en", name, ...extra }]

const countries = await admin(`query { countries(options: { filter: { code: { eq: "DE" } } }) { items { id } } }`)
const countryId =
  countries.countries.items[0]?.id ??
  (
    await admin(`mutation($input: CreateCountryInput!) { createCountry(input: $input) { id } }`, {
      input: { code: "DE", enabled: true, translations: en("Germany") },
    })
  ).createCountry.id

const zones = await admin(`query { zones(options: { filter: { name: { eq: "Europe" } } }) { items { id } } }`)
const zoneId =
  zones.zones.items[0]?.id ??
  (
    await admin(`mutation($input: CreateZoneInput!) { createZone(input: $input) { id } }`, {
      input: { name: "Europe", memberIds: [countryId] },
    })
  ).createZone.id

const categories = await admin(`query { taxCategories { items { id name } } }`)
const categoryId =
  categories.taxCategories.items.find((c) => c.name === "Standard")?.id ??
  (
    await admin(`mutation($input: CreateTaxCategoryInput!) { createTaxCategory(input: $input) { id } }`, {
      input: { name: "Standard", isDefault: true },
    })
  ).createTaxCategory.id

const rates = await admin(`query { taxRates(options: { filter: { name: { eq: "DE 19%" } } }) { items { id } } }`)
if (rates.taxRates.items.length === 0) {
  await admin(`mutation($input: CreateTaxRateInput!) { createTaxRate(input: $input) { id } }`, {
    input: { name: "DE 19%", enabled: true, value: 19, categoryId, zoneId },
  })
}

const channel = await admin(`query { activeChannel { id } }`)
const updated = await admin(
  `mutation($input: UpdateChannelInput!) {
    updateChannel(input: $input) { __typename ... on ErrorResult { errorCode message } } }`,
  {
    input: {
      id: channel.activeChannel.id,
      defaultCurrencyCode: "EUR",
      availableCurrencyCodes: ["EUR"],
      pricesIncludeTax: true,
      defaultTaxZoneId: zoneId,
      defaultShippingZoneId: zoneId,
    },
  },
)
orFail(updated.updateChannel, "updateChannel")

const shipping = await admin(
  `query { shippingMethods(options: { filter: { code: { eq: "standard" } } }) { items { id } } }`,
)
if (shipping.shippingMethods.items.length === 0) {
  await admin(`mutation($input: CreateShippingMethodInput!) { createShippingMethod(input: $input) { id } }`, {
    input: {
      code: "standard",
      fulfillmentHandler: "manual-fulfillment",
      checker: { code: "default-shipping-eligibility-checker", arguments: [{ name: "orderMinimum", value: "0" }] },
      calculator: {
        code: "default-shipping-calculator",
        arguments: [
          { name: "rate", value: "490" },
          { name: "includesTax", value: "include" },
          { name: "taxRate", value: "19" },
        ],
      },
      translations: en("Standard shipping", { description: "" }),
    },
  })
}

const payments = await admin(
  `query { paymentMethods(options: { filter: { code: { eq: "dummy" } } }) { items { id } } }`,
)
if (payments.paymentMethods.items.length === 0) {
  await admin(`mutation($input: CreatePaymentMethodInput!) { createPaymentMethod(input: $input) { id } }`, {
    input: {
      code: "dummy",
      enabled: true,
      handler: { code: "dummy-payment-handler", arguments: [{ name: "automaticSettle", value: "true" }] },
      translations: en("Invoice (test)", { description: "" }),
    },
  })
}

console.log(
  `VENDURE_SEEDED ${base} channel=${channel.activeChannel.id} zone=${zoneId} currency=EUR pricesIncludeTax=true`,
)
