// A real Vendure 3 server for esl's end-to-end tests: Admin and Shop API on 127.0.0.1 only.
// The database is sql.js (SQLite compiled to wasm, so `npm ci` builds nothing natively) held in
// memory: every start is a clean shop, and `seed.mjs` gives it what an empty database lacks.
// Run by scripts/peers/vendure.sh from its install folder (node_modules next to this file).
process.env.VENDURE_DISABLE_TELEMETRY = "true"

const { bootstrap, dummyPaymentHandler } = require("@vendure/core")

const port = Number(process.env.VENDURE_PORT || 3000)
const superadmin = {
  identifier: process.env.VENDURE_SUPERADMIN_USERNAME || "superadmin",
  password: process.env.VENDURE_SUPERADMIN_PASSWORD || "superadmin",
}

bootstrap({
  apiOptions: { hostname: "127.0.0.1", port, adminApiPath: "admin-api", shopApiPath: "shop-api" },
  authOptions: {
    // bearer: the session token comes back in the `vendure-auth-token` response header.
    tokenMethod: ["bearer", "cookie"],
    superadminCredentials: superadmin,
    cookieOptions: { secret: "esl-e2e-cookie-secret" },
    requireVerification: false,
  },
  dbConnectionOptions: { type: "sqljs", synchronize: true, logging: false },
  paymentOptions: { paymentMethodHandlers: [dummyPaymentHandler] },
  plugins: [],
})
  .then(() => console.log(`VENDURE_READY pid=${process.pid} port=${port}`))
  .catch((error) => {
    console.error("VENDURE_BOOTSTRAP_FAILED", error)
    process.exit(1)
  })
