// Seeds a freshly initialised Tryton 6.0 database with what a sale needs, over JSON-RPC, once,
// before the database is copied to the template: a fresh database has no currency and no company,
// and sales, inventories and shipments all require a company in the context.
// Idempotent: every record is looked up before it is created.
// Env: TRYTON_URL, TRYTON_DB, TRYTON_USER, TRYTON_PASSWORD.
const base = process.env.TRYTON_URL ?? "http://127.0.0.1:8000"
const db = process.env.TRYTON_DB ?? "esl"
const login = process.env.TRYTON_USER ?? "admin"
const password = process.env.TRYTON_PASSWORD ?? "admin"
const endpoint = `${base}/${db}/`
const decimal = (value) => ({ __class__: "Decimal", decimal: value })

let authorization
let sequence = 0
async function call(method, params) {
  const response = await fetch(endpoint, {
    method: "POST",
    headers: { "content-type": "application/json", ...(authorization ? { authorization } : {}) },
    body: JSON.stringify({ id: ++sequence, method, params }),
  })
  const body = await response.json()
  if (response.status !== 200 || body.error) {
    throw new Error(`${method} failed: HTTP ${response.status} ${JSON.stringify(body.error ?? body)}`)
  }
  return body.result
}

async function findOrCreate(model, domain, values, context) {
  const [found] = await call(`model.${model}.search`, [domain, 0, 1, null, context])
  if (found !== undefined) return found
  const [created] = await call(`model.${model}.create`, [[values], context])
  return created
}

const [userId, session] = await call("common.db.login", [login, { password }, "en"])
authorization = `Session ${Buffer.from(`${login}:${userId}:${session}`).toString("base64")}`
let context = await call("model.res.user.get_preferences", [true, {}])

const eur = await findOrCreate(
  "currency.currency",
  [["code", "=", "EUR"]],
  { name: "Euro", code: "EUR", symbol: "€", rounding: decimal("0.01"), digits: 2 },
  context,
)
for (const [code, name] of [
  ["DE", "Germany"],
  ["AT", "Austria"],
  ["FR", "France"],
  ["NL", "Netherlands"],
  ["US", "United States"],
]) {
  await findOrCreate("country.country", [["code", "=", code]], { code, name }, context)
}
const germany = await findOrCreate("country.country", [["code", "=", "DE"]], {}, context)

let [company] = await call("model.company.company.search", [[], 0, 1, null, context])
if (company === undefined) {
  const [companyParty] = await call("model.party.party.create", [
    [
      {
        name: "ESL Test Trading GmbH",
        addresses: [
          ["create", [{ street: "Hafenstraße 12", postal_code: "20457", city: "Hamburg", country: germany }]],
        ],
      },
    ],
    context,
  ])
  ;[company] = await call("model.company.company.create", [[{ party: companyParty, currency: eur }], context])
}
await call("model.res.user.write", [[userId], { companies: [["add", [company]]], company }, context])
context = await call("model.res.user.get_preferences", [true, {}])

// The stock module creates one warehouse (code WH, storage location STO). A second one, a store
// with its own storage zone, gives per-location stock something to tell apart. A warehouse needs
// a lost-and-found location before an inventory can be confirmed in it.
const [warehouse] = await call("model.stock.location.search", [[["code", "=", "WH"]], 0, 1, null, context])
const [lostAndFound] = await call("model.stock.location.search", [[["type", "=", "lost_found"]], 0, 1, null, context])
let [store] = await call("model.stock.location.search", [[["code", "=", "BER"]], 0, 1, null, context])
if (store === undefined) {
  const zones = await call("model.stock.location.create", [
    [
      { name: "Berlin Store Shelves", code: "BER-STO", type: "storage" },
      { name: "Berlin Store Input", code: "BER-IN", type: "storage" },
      { name: "Berlin Store Output", code: "BER-OUT", type: "storage" },
    ],
    context,
  ])
  const [storage, input, output] = zones
  ;[store] = await call("model.stock.location.create", [
    [
      {
        name: "Berlin Store",
        code: "BER",
        type: "warehouse",
        storage_location: storage,
        input_location: input,
        output_location: output,
        lost_found_location: lostAndFound,
      },
    ],
    context,
  ])
}

console.log(`tryton seed: company ${company}, currency EUR ${eur}, warehouses WH ${warehouse}, BER ${store}`)
