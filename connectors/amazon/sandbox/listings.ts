/**
 * Listings Items API 2021-08-01 in the sandbox: searchListingsItems by SKU identifiers (20 at
 * most) or over all listings, with summaries, offers and fulfillment availability.
 * https://developer-docs.amazon.com/sp-api/docs/listings-items-api-v2021-08-01-reference#searchlistingsitems
 */
import { amazonError, amazonJson, invalidInput } from "./responses.ts"
import { listParam, offsetOf, operation, pageToken, type SandboxContext, unknownParameter } from "./route.ts"
import type { SandboxListing } from "./state.ts"

const INCLUDED_DATA = [
  "summaries",
  "attributes",
  "issues",
  "offers",
  "fulfillmentAvailability",
  "procurement",
  "relationships",
  "productTypes",
]

const itemOf = (listing: SandboxListing, marketplaceId: string, included: ReadonlyArray<string>) => ({
  sku: listing.sku,
  ...(included.includes("summaries")
    ? {
        summaries: [
          {
            marketplaceId,
            asin: listing.asin,
            productType: listing.productType,
            conditionType: "new_new",
            status: ["BUYABLE", "DISCOVERABLE"],
            itemName: listing.itemName,
            createdDate: listing.createdDate,
            lastUpdatedDate: listing.lastUpdatedDate,
          },
        ],
      }
    : {}),
  ...(included.includes("offers")
    ? {
        offers: [
          {
            marketplaceId,
            offerType: "B2C",
            price: { currencyCode: listing.currency, amount: listing.price.toFixed(2) },
          },
        ],
      }
    : {}),
  ...(included.includes("fulfillmentAvailability")
    ? {
        fulfillmentAvailability:
          listing.quantity === undefined
            ? [{ fulfillmentChannelCode: "AMAZON_EU" }]
            : [{ fulfillmentChannelCode: "DEFAULT", quantity: listing.quantity }],
      }
    : {}),
})

export const listingsHandlers = (ctx: SandboxContext) => {
  const { state } = ctx
  return [
    operation(ctx, "searchListingsItems", "get", "/listings/2021-08-01/items/:sellerId", ({ url, params, rate }) => {
      const unknown = unknownParameter(
        url,
        [
          "marketplaceIds",
          "issueLocale",
          "includedData",
          "identifiers",
          "identifiersType",
          "variationParentSku",
          "packageHierarchySku",
          "createdAfter",
          "createdBefore",
          "lastUpdatedAfter",
          "lastUpdatedBefore",
          "withIssueSeverity",
          "withStatus",
          "withoutStatus",
          "sortBy",
          "sortOrder",
          "pageSize",
          "pageToken",
        ],
        rate,
      )
      if (unknown !== undefined) return unknown
      if (params.sellerId !== state.sellerId) {
        return amazonError(403, "Unauthorized", "Access to requested resource is denied.", "", rate)
      }
      const marketplaces = listParam(url, "marketplaceIds")
      if (marketplaces === undefined || marketplaces.length !== 1 || marketplaces[0] !== state.marketplaceId) {
        return invalidInput(`marketplaceIds must be ${state.marketplaceId}`, "", rate)
      }
      const included = listParam(url, "includedData") ?? ["summaries"]
      const bad = included.find((d) => !INCLUDED_DATA.includes(d))
      if (bad !== undefined) return invalidInput(`Invalid includedData value: ${bad}`, "", rate)
      const identifiers = listParam(url, "identifiers")
      const identifiersType = url.searchParams.get("identifiersType")
      if ((identifiers === undefined) !== (identifiersType === null)) {
        return invalidInput("identifiers and identifiersType must be given together", "", rate)
      }
      if (identifiers !== undefined && identifiers.length > 20) {
        return invalidInput("identifiers accepts at most 20 values", "", rate)
      }
      if (identifiersType !== null && identifiersType !== "SKU") {
        return invalidInput(`The sandbox searches by SKU only, not ${identifiersType}`, "", rate)
      }
      const pageSize = Number(url.searchParams.get("pageSize") ?? "10")
      if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 20) {
        return invalidInput("pageSize must be between 1 and 20", "", rate)
      }
      const token = url.searchParams.get("pageToken")
      const offset = token === null ? 0 : offsetOf(token)
      if (offset === undefined) return invalidInput("Invalid pageToken", "", rate)
      const matching = [...state.listings.values()].filter(
        (l) => identifiers === undefined || identifiers.includes(l.sku),
      )
      const page = matching.slice(offset, offset + pageSize)
      const more = offset + pageSize < matching.length
      return amazonJson(
        {
          numberOfResults: matching.length,
          ...(more ? { pagination: { nextToken: pageToken(offset + pageSize) } } : {}),
          items: page.map((l) => itemOf(l, state.marketplaceId, included)),
        },
        200,
        rate,
      )
    }),
  ]
}
