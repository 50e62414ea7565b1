/** Looking up what payloads name by natural key: countries by ISO code, products by code, parties by code or e-mail, the warehouse by code. */
import { Effect, Schema } from "effect"
import type { ConnectorError } from "../../../core/connector/errors.ts"
import { normalizeEmail } from "../../../core/model/index.ts"
import { searchRead, type TrytonClient } from "../client.ts"
import { Char, Many2one, TrytonId } from "../schemas/values.ts"

const unique = <A>(values: ReadonlyArray<A>): Array<A> => [...new Set(values)]

/** Country ids by ISO code. */
export const countriesByCode = (
  client: TrytonClient,
  codes: ReadonlyArray<string>,
): Effect.Effect<ReadonlyMap<string, number>, ConnectorError> =>
  codes.length === 0
    ? Effect.succeed(new Map())
    : searchRead(client, "country.country", Schema.Struct({ id: TrytonId, code: Char }), {
        domain: [["code", "in", unique(codes)]],
        fields: ["code"],
      }).pipe(Effect.map((rows) => new Map(rows.flatMap((r) => (r.code === null ? [] : [[r.code, r.id] as const])))))

/** A sellable variant: its id and the unit it is sold in. */
export interface ProductRef {
  readonly id: number
  readonly unit: number
}

const ProductUnits = Schema.Struct({
  id: TrytonId,
  code: Char,
  "template.": Schema.Struct({ id: TrytonId, sale_uom: Many2one, default_uom: TrytonId }),
})

/** Variants by code (SKU), with their sale unit. */
export const productsByCode = (
  client: TrytonClient,
  codes: ReadonlyArray<string>,
): Effect.Effect<ReadonlyMap<string, ProductRef>, ConnectorError> =>
  codes.length === 0
    ? Effect.succeed(new Map())
    : searchRead(client, "product.product", ProductUnits, {
        domain: [["code", "in", unique(codes)]],
        fields: ["code", "template.sale_uom", "template.default_uom"],
      }).pipe(
        Effect.map(
          (rows) =>
            new Map(
              rows.flatMap((r) =>
                r.code === null
                  ? []
                  : [[r.code, { id: r.id, unit: r["template."].sale_uom ?? r["template."].default_uom }] as const],
              ),
            ),
        ),
      )

/** Party ids by code and by (normalized) e-mail; the oldest party wins where several match. */
export const partiesByCodeOrEmail = (
  client: TrytonClient,
  codes: ReadonlyArray<string>,
  emails: ReadonlyArray<string>,
): Effect.Effect<
  { readonly byCode: ReadonlyMap<string, number>; readonly byEmail: ReadonlyMap<string, number> },
  ConnectorError
> =>
  Effect.gen(function* () {
    const byCode = new Map<string, number>()
    const byEmail = new Map<string, number>()
    if (codes.length > 0) {
      const parties = yield* searchRead(client, "party.party", Schema.Struct({ id: TrytonId, code: Char }), {
        domain: [["code", "in", unique(codes)]],
        fields: ["code"],
      })
      for (const p of parties) if (p.code !== null && !byCode.has(p.code)) byCode.set(p.code, p.id)
    }
    if (emails.length > 0) {
      // `ilike` without wildcards is a case-insensitive equality (an `_` in an address may match
      // more); the answers are matched again here in normal form.
      const wanted = new Set(emails.map(normalizeEmail))
      const mechanisms = yield* searchRead(
        client,
        "party.contact_mechanism",
        Schema.Struct({ id: TrytonId, party: TrytonId, value: Char }),
        {
          domain: [
            ["type", "=", "email"],
            ["OR", ...unique(emails).map((email) => ["value", "ilike", email])],
          ],
          fields: ["party", "value"],
          order: [["party", "ASC"]],
        },
      )
      for (const m of mechanisms) {
        const email = m.value === null ? undefined : normalizeEmail(m.value)
        if (email !== undefined && wanted.has(email) && !byEmail.has(email)) byEmail.set(email, m.party)
      }
    }
    return { byCode, byEmail }
  })

/** The warehouse `stock.location` with this code. */
export const warehouseByCode = (
  client: TrytonClient,
  code: string,
): Effect.Effect<number | undefined, ConnectorError> =>
  searchRead(client, "stock.location", Schema.Struct({ id: TrytonId }), {
    domain: [
      ["type", "=", "warehouse"],
      ["code", "=", code],
    ],
    fields: [],
    limit: 1,
  }).pipe(Effect.map((rows) => rows[0]?.id))

/** The currency with this ISO code. */
export const currencyByCode = (client: TrytonClient, code: string): Effect.Effect<number | undefined, ConnectorError> =>
  searchRead(client, "currency.currency", Schema.Struct({ id: TrytonId }), {
    domain: [["code", "=", code]],
    fields: [],
    limit: 1,
  }).pipe(Effect.map((rows) => rows[0]?.id))
