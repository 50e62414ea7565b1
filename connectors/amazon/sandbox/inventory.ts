/**
 * FBA Inventory API v1 in the sandbox: getInventorySummaries at marketplace granularity, with
 * `details`, `startDateTime`, `sellerSkus` and `nextToken` paging (50 a page, unsorted like Amazon).
 * https://developer-docs.amazon.com/sp-api/docs/fba-inventory-api-v1-reference
 */
import { amazonJson, invalidInput } from "./responses.ts"
import {
  isIsoDateTime,
  listParam,
  offsetOf,
  operation,
  pageToken,
  type SandboxContext,
  unknownParameter,
} from "./route.ts"

export const inventoryHandlers = (ctx: SandboxContext, pageSize: number) => {
  const { state } = ctx
  return [
    operation(ctx, "getInventorySummaries", "get", "/fba/inventory/v1/summaries", ({ url, rate }) => {
      const unknown = unknownParameter(
        url,
        [
          "details",
          "granularityType",
          "granularityId",
          "startDateTime",
          "sellerSkus",
          "sellerSku",
          "nextToken",
          "marketplaceIds",
        ],
        rate,
      )
      if (unknown !== undefined) return unknown
      const granularityType = url.searchParams.get("granularityType")
      const granularityId = url.searchParams.get("granularityId")
      const marketplaces = listParam(url, "marketplaceIds")
      if (granularityType !== "Marketplace") return invalidInput("granularityType must be Marketplace", "", rate)
      if (granularityId === null) return invalidInput("Missing required parameter: granularityId", "", rate)
      if (marketplaces === undefined || marketplaces.length !== 1) {
        return invalidInput("marketplaceIds must name exactly one marketplace", "", rate)
      }
      if (granularityId !== state.marketplaceId || marketplaces[0] !== state.marketplaceId) {
        return invalidInput(`The seller does not use FBA in marketplace ${marketplaces[0] ?? granularityId}`, "", rate)
      }
      const startDateTime = url.searchParams.get("startDateTime")
      if (startDateTime !== null && !isIsoDateTime(startDateTime)) {
        return invalidInput(`startDateTime ${startDateTime} is not an ISO 8601 date`, "", rate)
      }
      const skus = listParam(url, "sellerSkus")
      if (skus !== undefined && skus.length > 50) return invalidInput("sellerSkus accepts at most 50 SKUs", "", rate)
      const sku = url.searchParams.get("sellerSku")
      const details = url.searchParams.get("details") === "true"
      const nextToken = url.searchParams.get("nextToken")
      const offset = nextToken === null ? 0 : offsetOf(nextToken)
      if (offset === undefined) return invalidInput("Invalid nextToken", "", rate)
      const matching = [...state.inventory.values()].filter(
        (s) =>
          (startDateTime === null || Date.parse(s.lastUpdatedTime) >= Date.parse(startDateTime)) &&
          (skus === undefined || skus.includes(s.sellerSku)) &&
          (sku === null || s.sellerSku === sku),
      )
      const page = matching.slice(offset, offset + pageSize).map((s) => {
        if (details) return s
        const { inventoryDetails: _, ...summary } = s
        return summary
      })
      const more = offset + pageSize < matching.length
      return amazonJson(
        {
          payload: { granularity: { granularityType, granularityId }, inventorySummaries: page },
          ...(more ? { pagination: { nextToken: pageToken(offset + pageSize) } } : {}),
        },
        200,
        rate,
      )
    }),
  ]
}
