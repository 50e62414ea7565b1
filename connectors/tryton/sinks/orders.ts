/**
 * `orders` ← canonical `order`: creates channel orders as Tryton sales and confirms them
 * (`quote`, then `confirm`, which creates the customer shipment in the configured warehouse).
 * `reference` holds `<channel>:<order number>`, so link-before-create finds a sale a crashed
 * run made. Products are found by code (SKU); the customer by code, then e-mail, else created
 * with the order's addresses. Sales are created with `invoice_method: manual`: invoicing needs
 * a chart of accounts, which is the ERP's business, not the channel's.
 */
import { Effect, Schema } from "effect"
import { defineSink, type WriteOutcome } from "../../../core/connector/define.ts"
import { normalizeEmail } from "../../../core/model/index.ts"
import { searchRead, type TrytonClient, trytonClient } from "../client.ts"
import type { TrytonConfig } from "../config.ts"
import type { AddressPayload } from "../schemas/party.ts"
import type { SalePayload } from "../schemas/salePayload.ts"
import { Char, dateOf, decimal, Many2one, TrytonId } from "../schemas/values.ts"
import { callOnAll, createAll, rejected, type Target, type Written } from "./batch.ts"
import { addressVals, isSameAddress, isUnwritable, mechanismVals } from "./partyValues.ts"
import { countriesByCode, currencyByCode, partiesByCodeOrEmail, productsByCode, warehouseByCode } from "./references.ts"

const SaleRef = Schema.Struct({ id: TrytonId, reference: Char })
const SaleState = Schema.Struct({ id: TrytonId, state: Schema.String })
const KnownAddress = Schema.Struct({
  id: TrytonId,
  party: TrytonId,
  street: Char,
  postal_code: Char,
  city: Char,
  country: Many2one,
})

const outcome = (written: Written, action: "created" | "updated"): WriteOutcome =>
  written.ok
    ? { naturalKey: written.key, ok: true, externalId: String(written.id), action }
    : { naturalKey: written.key, ok: false, error: written.error }

/** Sales by reference; the oldest wins where a reference repeats. */
const salesByReference = (client: TrytonClient, references: ReadonlyArray<string>) =>
  searchRead(client, "sale.sale", SaleRef, {
    domain: [["reference", "in", [...references]]],
    fields: ["reference"],
  }).pipe(
    Effect.map((sales) => {
      const found = new Map<string, string>()
      for (const sale of sales)
        if (sale.reference !== null && !found.has(sale.reference)) found.set(sale.reference, String(sale.id))
      return found
    }),
  )

/** `quote` then `confirm`, each on the whole batch (one by one on a refusal). */
const quoteAndConfirm = (target: Target, sales: ReadonlyArray<{ key: string; id: number; state: string }>) =>
  Effect.gen(function* () {
    const results = new Map<string, Written>()
    const drafts = sales.filter((s) => s.state === "draft")
    // https://docs.tryton.org/projects/modules-sale/en/6.0/ (sale workflow: draft → quotation → confirmed → processing)
    for (const w of yield* callOnAll(target, "sale.sale", "quote", drafts)) if (!w.ok) results.set(w.key, w)
    const quoted = sales.filter((s) => (s.state === "draft" || s.state === "quotation") && !results.has(s.key))
    for (const w of yield* callOnAll(target, "sale.sale", "confirm", quoted)) results.set(w.key, w)
    for (const s of sales) if (!results.has(s.key)) results.set(s.key, { key: s.key, ok: true, id: s.id })
    return results
  })

/** The party of each order: found by code, then e-mail, else created with the order's addresses. */
const customersOf = (
  target: Target,
  orders: ReadonlyArray<{ key: string; payload: SalePayload }>,
  countries: ReadonlyMap<string, number>,
) =>
  Effect.gen(function* () {
    const codes = orders.flatMap((o) => (o.payload.customer.code === null ? [] : [o.payload.customer.code]))
    const emails = orders.flatMap((o) => (o.payload.customer.email === null ? [] : [o.payload.customer.email]))
    const { byCode, byEmail } = yield* partiesByCodeOrEmail(target.client, codes, emails)
    const found = new Map<string, number>()
    // One party per new customer, however many of the batch's orders are theirs.
    const identityOf = new Map<string, string>()
    const toCreate = new Map<string, { key: string; vals: Record<string, unknown> }>()
    for (const { key, payload } of orders) {
      const { code, email } = payload.customer
      const id =
        (code === null ? undefined : byCode.get(code)) ??
        (email === null ? undefined : byEmail.get(normalizeEmail(email)))
      if (id !== undefined) {
        found.set(key, id)
        continue
      }
      const identity = code !== null ? `no:${code}` : email !== null ? `email:${normalizeEmail(email)}` : `order:${key}`
      identityOf.set(key, identity)
      if (toCreate.has(identity)) continue
      const mechanisms = mechanismVals(payload.customer)
      toCreate.set(identity, {
        key: identity,
        vals: {
          name: payload.customer.name,
          ...(code === null ? {} : { code }),
          ...(mechanisms.length === 0 ? {} : { contact_mechanisms: [["create", mechanisms]] }),
        },
      })
    }
    const created = new Map((yield* createAll(target, "party.party", [...toCreate.values()])).map((w) => [w.key, w]))
    const failures = new Map<string, Written>()
    for (const [key, identity] of identityOf) {
      const written = created.get(identity)
      if (written?.ok === true) found.set(key, written.id)
      else if (written !== undefined) failures.set(key, rejected(target, key, written.error.reason, "$.customer"))
    }
    // The addresses the orders ship and invoice to, on their parties, created where missing.
    const partyIds = [...new Set(found.values())]
    const known = [
      ...(yield* searchRead(target.client, "party.address", KnownAddress, {
        domain: [["party", "in", partyIds]],
        fields: ["party", "street", "postal_code", "city", "country"],
      })),
    ]
    const addressOf = new Map<string, { invoice: number; shipment: number }>()
    const addressFailures = new Map<string, Written>()
    for (const { key, payload } of orders) {
      const party = found.get(key)
      if (party === undefined) continue
      const ids: Array<number> = []
      for (const [field, address] of [
        ["invoice_address", payload.invoice_address ?? payload.shipment_address],
        ["shipment_address", payload.shipment_address ?? payload.invoice_address],
      ] as const) {
        const id = yield* addressFor(target, party, address, known, countries, `$.${field}`)
        if (typeof id === "number") ids.push(id)
        else {
          addressFailures.set(key, rejected(target, key, id.reason, id.path))
          break
        }
      }
      const [invoice, shipment] = ids
      if (invoice !== undefined && shipment !== undefined) addressOf.set(key, { invoice, shipment })
    }
    return { parties: found, addresses: addressOf, failures: new Map([...failures, ...addressFailures]) }
  })

/** The id of a party's address at `address`: an existing one, else a new one; without an address, the party's first. */
const addressFor = (
  target: Target,
  party: number,
  address: AddressPayload | null,
  known: Array<typeof KnownAddress.Type>,
  countries: ReadonlyMap<string, number>,
  path: string,
) =>
  Effect.gen(function* () {
    const own = known.filter((a) => a.party === party)
    if (address === null) {
      const first = own[0]
      if (first !== undefined) return first.id
      return { reason: "the order has no address and the customer has none in Tryton", path }
    }
    const vals = addressVals(address, countries, path)
    if (isUnwritable(vals)) return vals
    const same = own.find((a) => isSameAddress(a, vals))
    if (same !== undefined) return same.id
    const [written] = yield* createAll(target, "party.address", [{ key: path, vals: { ...vals, party } }])
    if (written === undefined || !written.ok) {
      return { reason: written?.ok === false ? written.error.reason : "the address was not created", path }
    }
    known.push({
      id: written.id,
      party,
      street: address.street,
      postal_code: address.postal_code,
      city: address.city,
      country: vals.country as number,
    })
    return written.id
  })

/** Channel orders → confirmed sale.sale; link-before-create by `reference`. */
export const ordersSink = defineSink<TrytonConfig, SalePayload>({
  entity: "order",
  description: "sale.sale from channel orders, quoted and confirmed; reference = <channel>:<order number>",
  maxBatchSize: 50,
  operations: ["create", "update"],
  lookup: (ctx, naturalKeys) => salesByReference(trytonClient(ctx), naturalKeys),
  write: (ctx, items) =>
    Effect.gen(function* () {
      const client = trytonClient(ctx)
      const target: Target = { client, entity: "order" }
      const results = new Map<string, WriteOutcome>()
      const reject = (key: string, reason: string, path?: string) =>
        results.set(key, outcome(rejected(target, key, reason, path), "created"))

      const creates = items
        .filter((i) => i.externalId === undefined)
        .map((i) => ({ key: i.naturalKey, payload: i.payload }))
      const preferences = yield* client.preferences
      const company = typeof preferences.company === "number" ? preferences.company : undefined
      const warehouse = yield* warehouseByCode(client, ctx.config.warehouse)
      const products = yield* productsByCode(
        client,
        creates.flatMap((c) => c.payload.lines.flatMap((l) => (l.sku === null ? [] : [l.sku]))),
      )
      const currencies = new Map<string, number | undefined>()
      for (const code of new Set(creates.map((c) => c.payload.currency)))
        currencies.set(code, yield* currencyByCode(client, code))
      const countries = yield* countriesByCode(
        client,
        creates.flatMap((c) =>
          [c.payload.invoice_address, c.payload.shipment_address].flatMap((a) => (a === null ? [] : [a.country_code])),
        ),
      )

      // Why an order cannot become a sale here, before anything is written for it.
      const problemOf = (payload: SalePayload): { reason: string; path?: string } | undefined => {
        if (company === undefined) return { reason: "the Tryton user has no company; set one in its preferences" }
        if (warehouse === undefined) {
          return {
            reason: `Tryton has no warehouse with code ${ctx.config.warehouse}; set \`warehouse\` in the config`,
          }
        }
        if (currencies.get(payload.currency) === undefined) {
          return { reason: `currency ${payload.currency} is not in Tryton`, path: "$.currency" }
        }
        const missing = payload.lines.findIndex((l) => l.kind === "product" && (l.sku === null || !products.has(l.sku)))
        if (missing < 0) return undefined
        return {
          reason: `no product with code ${payload.lines[missing]?.sku} in Tryton`,
          path: `$.lines[${missing}].sku`,
        }
      }
      const valid = creates.filter(({ key, payload }) => {
        const problem = problemOf(payload)
        if (problem !== undefined) reject(key, problem.reason, problem.path)
        return problem === undefined
      })
      const customers = yield* customersOf(target, valid, countries)
      const toCreate: Array<{ key: string; vals: Record<string, unknown>; payload: SalePayload }> = []
      for (const { key, payload } of valid) {
        const failure = customers.failures.get(key)
        if (failure !== undefined) {
          results.set(key, outcome(failure, "created"))
          continue
        }
        const party = customers.parties.get(key)
        const addresses = customers.addresses.get(key)
        if (party === undefined || addresses === undefined) {
          reject(key, "the customer could not be found or created", "$.customer")
          continue
        }
        toCreate.push({
          key,
          payload,
          vals: {
            party,
            company,
            currency: currencies.get(payload.currency),
            warehouse,
            reference: payload.reference,
            description: payload.description,
            sale_date: dateOf(payload.placed_at),
            invoice_address: addresses.invoice,
            shipment_address: addresses.shipment,
            invoice_method: "manual",
            shipment_method: "order",
            ...(payload.comment === null ? {} : { comment: payload.comment }),
            lines: [
              [
                "create",
                payload.lines.map((line, i) => {
                  const product = line.sku === null || line.kind !== "product" ? undefined : products.get(line.sku)
                  return {
                    type: "line",
                    sequence: i + 1,
                    quantity: line.quantity,
                    unit_price: decimal(line.unit_price),
                    description: line.description ?? line.sku ?? line.kind,
                    ...(product === undefined ? {} : { product: product.id, unit: product.unit }),
                  }
                }),
              ],
            ],
          },
        })
      }
      const created = yield* createAll(target, "sale.sale", toCreate)
      const confirmNow = created.flatMap((w) =>
        w.ok && toCreate.find((c) => c.key === w.key)?.payload.confirm === true
          ? [{ key: w.key, id: w.id, state: "draft" }]
          : [],
      )
      const confirmed = yield* quoteAndConfirm(target, confirmNow)
      for (const written of created) {
        const confirmation = confirmed.get(written.key)
        results.set(
          written.key,
          written.ok && confirmation !== undefined && !confirmation.ok
            ? outcome(
                rejected(
                  target,
                  written.key,
                  `created as sale ${written.id} but not confirmed: ${confirmation.error.reason}`,
                ),
                "created",
              )
            : outcome(written, "created"),
        )
      }

      // A sale Tryton already has is the ERP's now: only a confirmation a crash cut short is completed.
      const updates = items.filter((i) => i.externalId !== undefined)
      if (updates.length > 0) {
        const states = yield* searchRead(client, "sale.sale", SaleState, {
          domain: [["id", "in", updates.map((u) => Number(u.externalId))]],
          fields: ["state"],
        })
        const pending: Array<{ key: string; id: number; state: string }> = []
        for (const item of updates) {
          const id = Number(item.externalId)
          const state = states.find((s) => s.id === id)
          if (state === undefined) {
            results.set(
              item.naturalKey,
              outcome(rejected(target, item.naturalKey, `sale ${id} no longer exists in Tryton`), "updated"),
            )
          } else if (item.payload.confirm && (state.state === "draft" || state.state === "quotation")) {
            pending.push({ key: item.naturalKey, id, state: state.state })
          } else {
            results.set(item.naturalKey, {
              naturalKey: item.naturalKey,
              ok: true,
              externalId: String(id),
              action: "updated",
            })
          }
        }
        for (const written of (yield* quoteAndConfirm(target, pending)).values())
          results.set(written.key, outcome(written, "updated"))
      }
      return items.flatMap((item) => results.get(item.naturalKey) ?? [])
    }),
})
