/**
 * The products sink: ERP-owned fields (GTIN, weight, enabled) written to existing or new
 * products with `PATCH /api/rest/v1/products`, an NDJSON list of at most 100 products
 * (`application/vnd.akeneo.collection+json`, https://api.akeneo.com/api-reference.html#patch_products).
 *
 * One canonical product is one line per variant (SKU). Lines of a batch are sent in requests of
 * at most 100 lines; a product is rejected when any of its lines is, with Akeneo's message and
 * the attribute's path, and the batch goes on.
 */
import { Effect } from "effect"
import { defineSink, RecordRejected, type WriteOutcome } from "../../../core/connector/index.ts"
import { chunksOf, REST } from "../client.ts"
import { type AkeneoConfig, MAX_PATCH_LINES } from "../config.ts"
import type { AkeneoProductPatch, PatchLine, PatchStatusLine } from "../schemas/patch.ts"
import { modelsByCode, productsByIdentifier } from "../streams/join.ts"
import { linePath, lineReason, parseStatusLines } from "./statusLines.ts"

/** The NDJSON collection content type Akeneo requires for PATCH lists. */
export const COLLECTION_CONTENT_TYPE = "application/vnd.akeneo.collection+json"

interface SentLine {
  readonly item: number
  readonly lineInItem: number
  readonly line: PatchLine
}

interface ItemResult {
  created: boolean
  failure?: { readonly reason: string; readonly path: string }
}

export const productsSink = defineSink<AkeneoConfig, AkeneoProductPatch>({
  entity: "product",
  description: "GTIN, weight and status per SKU, PATCHed as an NDJSON list of up to 100 products",
  maxBatchSize: MAX_PATCH_LINES,
  operations: ["upsert"],
  lookup: (ctx, naturalKeys) =>
    Effect.gen(function* () {
      const found = new Map<string, string>()
      const simples = yield* productsByIdentifier(ctx, naturalKeys)
      for (const product of simples) if (product.parent === null) found.set(product.identifier, product.identifier)
      const rest = naturalKeys.filter((key) => !found.has(key))
      for (const model of yield* modelsByCode(ctx, rest)) found.set(model.code, model.code)
      return found
    }),
  write: (ctx, items) =>
    Effect.gen(function* () {
      const sent: Array<SentLine> = items.flatMap((item, index) =>
        item.payload.lines.map((line, lineInItem) => ({ item: index, lineInItem, line })),
      )
      const results: Array<ItemResult> = items.map(() => ({ created: false }))
      for (const chunk of chunksOf(sent, MAX_PATCH_LINES)) {
        const response = yield* ctx.http.request({
          method: "PATCH",
          path: `${REST}/products`,
          headers: { "Content-Type": COLLECTION_CONTENT_TYPE },
          body: chunk.map((s) => JSON.stringify(s.line)).join("\n"),
          // Setting the same values twice leaves the same products: safe to resend.
          idempotent: true,
        })
        const statuses = yield* parseStatusLines(ctx.system, response.body)
        const byLine = new Map<number, PatchStatusLine>(statuses.map((s) => [s.line, s]))
        chunk.forEach((s, index) => {
          const result = results[s.item]!
          const status = byLine.get(index + 1)
          if (status === undefined) {
            result.failure ??= {
              reason: `${s.line.identifier}: Akeneo answered no status line for line ${index + 1}`,
              path: `$.lines[${s.lineInItem}]`,
            }
          } else if (status.status_code >= 400) {
            result.failure ??= { reason: lineReason(status), path: linePath(s.lineInItem, status) }
          } else if (status.status_code === 201) {
            result.created = true
          }
        })
      }
      return items.map((item, index): WriteOutcome => {
        const result = results[index]!
        if (result.failure !== undefined) {
          return {
            naturalKey: item.naturalKey,
            ok: false,
            error: new RecordRejected({
              system: ctx.system,
              entity: "product",
              recordKey: item.naturalKey,
              reason: result.failure.reason,
              path: result.failure.path,
            }),
          }
        }
        return {
          naturalKey: item.naturalKey,
          ok: true,
          externalId: item.payload.productNumber,
          action: result.created && item.externalId === undefined ? "created" : "updated",
        }
      })
    }),
})
