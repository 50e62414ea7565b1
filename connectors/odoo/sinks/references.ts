/**
 * Turning natural keys into Odoo ids before a write: products by Internal Reference
 * (`default_code`), partners by reference (`ref`) or e-mail, countries by code, warehouses by
 * short name, sale taxes by rate. One `search_read` per kind and batch, never one per record.
 */
import { Effect, Schema } from "effect"
import type { ConnectorError } from "../../../core/connector/errors.ts"
import { normalizeEmail } from "../../../core/model/index.ts"
import { Char, Many2one, OdooId } from "../schemas/fields.ts"
import { PARTNER_FIELDS, PartnerRecord } from "../schemas/partner.ts"
import { TAX_FIELDS, TaxRecord } from "../schemas/saleOrder.ts"
import { type Domain, searchRead } from "../streams/keyset.ts"
import type { Target } from "./batch.ts"

/** `leaves` or-ed together in prefix notation: `["|", a, "|", b, c]`. */
export const anyOf = (leaves: ReadonlyArray<unknown>): Domain =>
  leaves.length === 0 ? [[0, "=", 1]] : [...Array<string>(leaves.length - 1).fill("|"), ...leaves]

const unique = <A>(values: ReadonlyArray<A>): ReadonlyArray<A> => [...new Set(values)]

const Coded = Schema.Struct({ id: OdooId, code: Char })

/** Country ids by ISO code. */
export const countriesByCode = (
  target: Target,
  codes: ReadonlyArray<string>,
): Effect.Effect<ReadonlyMap<string, number>, ConnectorError> =>
  codes.length === 0
    ? Effect.succeed(new Map())
    : searchRead(target.client, target.system, "res.country", Coded, {
        domain: [["code", "in", unique(codes)]],
        fields: ["code"],
      }).pipe(Effect.map((rows) => new Map(rows.flatMap((r) => (r.code === false ? [] : [[r.code, r.id] as const])))))

const ProductCode = Schema.Struct({ id: OdooId, default_code: Char })

/** Variant ids by SKU; more than one id means the SKU is ambiguous in Odoo. */
export const productsBySku = (
  target: Target,
  skus: ReadonlyArray<string>,
): Effect.Effect<ReadonlyMap<string, ReadonlyArray<number>>, ConnectorError> =>
  skus.length === 0
    ? Effect.succeed(new Map())
    : searchRead(target.client, target.system, "product.product", ProductCode, {
        domain: [["default_code", "in", unique(skus)]],
        fields: ["default_code"],
      }).pipe(
        Effect.map((rows) => {
          const bySku = new Map<string, Array<number>>()
          for (const row of rows) {
            if (row.default_code === false) continue
            bySku.set(row.default_code, [...(bySku.get(row.default_code) ?? []), row.id])
          }
          return bySku
        }),
      )

const WarehouseRef = Schema.Struct({ id: OdooId, code: Char, partner_id: Many2one })
export type WarehouseRef = typeof WarehouseRef.Type

/** Warehouses by short name (`WH`, `BER`). */
export const warehousesByCode = (
  target: Target,
  codes: ReadonlyArray<string>,
): Effect.Effect<ReadonlyMap<string, WarehouseRef>, ConnectorError> =>
  codes.length === 0
    ? Effect.succeed(new Map())
    : searchRead(target.client, target.system, "stock.warehouse", WarehouseRef, {
        domain: [["code", "in", unique(codes)]],
        fields: ["code", "partner_id"],
      }).pipe(Effect.map((rows) => new Map(rows.flatMap((r) => (r.code === false ? [] : [[r.code, r] as const])))))

/** Sale taxes of the given percentages. */
export const saleTaxes = (
  target: Target,
  rates: ReadonlyArray<number>,
): Effect.Effect<ReadonlyArray<TaxRecord>, ConnectorError> =>
  rates.length === 0
    ? Effect.succeed([])
    : searchRead(target.client, target.system, "account.tax", TaxRecord, {
        domain: [
          ["type_tax_use", "=", "sale"],
          ["amount_type", "=", "percent"],
          ["amount", "in", unique(rates)],
        ],
        fields: TAX_FIELDS,
      })

/** The e-mail as partners are matched by: trimmed, and case-insensitive as Odoo's `ilike`. */
export const emailKey = (email: string): string => normalizeEmail(email).toLowerCase()

/** Partners with one of the references, or (for the rest) one of the e-mails; the oldest wins a tie. */
export const partnersByRefOrEmail = (
  target: Target,
  refs: ReadonlyArray<string>,
  emails: ReadonlyArray<string>,
): Effect.Effect<
  { readonly byRef: ReadonlyMap<string, PartnerRecord>; readonly byEmail: ReadonlyMap<string, PartnerRecord> },
  ConnectorError
> =>
  Effect.gen(function* () {
    const leaves = [
      ...(refs.length === 0 ? [] : [["ref", "in", unique(refs)]]),
      // `ilike` (contains) rather than `=ilike`: Odoo keeps e-mails as typed, with stray spaces
      // or several in one field; the exact match is made below on the normalized addresses.
      ...unique(emails.map(emailKey)).map((email) => ["email", "ilike", email]),
    ]
    if (leaves.length === 0) return { byRef: new Map(), byEmail: new Map() }
    const rows = yield* searchRead(target.client, target.system, "res.partner", PartnerRecord, {
      domain: anyOf(leaves),
      fields: PARTNER_FIELDS,
    })
    const byRef = new Map<string, PartnerRecord>()
    const byEmail = new Map<string, PartnerRecord>()
    for (const row of [...rows].sort((a, b) => a.id - b.id)) {
      if (row.ref !== false && !byRef.has(row.ref)) byRef.set(row.ref, row)
      for (const email of row.email === false ? [] : row.email.split(/[,;]/)) {
        const key = emailKey(/<([^>]+)>/.exec(email)?.[1] ?? email)
        if (key !== "" && !byEmail.has(key)) byEmail.set(key, row)
      }
    }
    return { byRef, byEmail }
  })

/** The child addresses (invoice, delivery) of the given partners. */
export const childAddresses = (
  target: Target,
  partnerIds: ReadonlyArray<number>,
): Effect.Effect<ReadonlyArray<PartnerRecord>, ConnectorError> =>
  partnerIds.length === 0
    ? Effect.succeed([])
    : searchRead(target.client, target.system, "res.partner", PartnerRecord, {
        domain: [
          ["parent_id", "in", unique(partnerIds)],
          ["type", "in", ["invoice", "delivery"]],
        ],
        fields: PARTNER_FIELDS,
      })
