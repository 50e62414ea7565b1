/**
 * Offers: `bulkCreateOffer`, `bulkPublishOffer`, `getOffers?sku=` and `bulkUpdatePriceQuantity`,
 * with eBay's per-item errors in 207 answers (unknown SKU, duplicate offer, what publishing
 * needs: price, quantity, category, policies, location).
 */
import { http } from "msw"
import { bulkStatus, errorAnswer, invalidValue, inventoryError, json, type SandboxError } from "./errors.ts"
import { bulkRequests, guarded, isRecord, readJson, unknownField } from "./gate.ts"
import { missingLanguage } from "./inventory.ts"
import type { EbaySandboxState, StoredOffer } from "./state.ts"
import { isAmount, OFFER_FIELDS } from "./validate.ts"

const BULK_LIMIT = 25
const BASE = "*/sell/inventory/v1"
const FORMATS = ["FIXED_PRICE", "AUCTION"]

const unknownSku = (sku: string) =>
  inventoryError(25702, `SKU ${sku} is not available in the system`, [{ name: "sku", value: sku }])
const unknownOffer = (offerId: string) =>
  inventoryError(25713, "This Offer is not available.", [{ name: "offerId", value: offerId }])

const isQuantity = (v: unknown): v is number => typeof v === "number" && Number.isInteger(v) && v >= 0

const offerErrors = (state: EbaySandboxState, offer: Record<string, unknown>): ReadonlyArray<SandboxError> => {
  const errors: Array<SandboxError> = []
  const unknown = unknownField(offer, OFFER_FIELDS)
  if (unknown !== undefined) errors.push(invalidValue(unknown, "This field is not part of EbayOfferDetailsWithKeys."))
  const sku = typeof offer.sku === "string" ? offer.sku : ""
  if (!state.items.has(sku)) errors.push(unknownSku(sku))
  if (
    typeof offer.marketplaceId !== "string" ||
    !/^EBAY_[A-Z_]+$/.test(offer.marketplaceId) ||
    !FORMATS.includes(String(offer.format))
  ) {
    errors.push(inventoryError(25735, "Invalid SKU, marketplaceId or format."))
  }
  const price = isRecord(offer.pricingSummary) ? offer.pricingSummary.price : undefined
  if (price !== undefined && !isAmount(price))
    errors.push(invalidValue("pricingSummary.price", "Use a decimal value and a currency.", JSON.stringify(price)))
  if (offer.availableQuantity !== undefined && !isQuantity(offer.availableQuantity)) {
    errors.push(invalidValue("availableQuantity", "A whole number, 0 or more.", String(offer.availableQuantity)))
  }
  for (const existing of state.offers.values()) {
    if (existing.sku === sku && existing.marketplaceId === offer.marketplaceId && existing.format === offer.format) {
      errors.push(
        inventoryError(25729, "The combination of SKU, marketplaceId and format should be unique.", [
          { name: "offerId", value: existing.offerId },
        ]),
      )
      break
    }
  }
  return errors
}

/** What `publishOffer` requires of an offer and its inventory item before it can list it. */
const publishErrors = (state: EbaySandboxState, offer: StoredOffer, viaGroup = false): ReadonlyArray<SandboxError> => {
  const errors: Array<SandboxError> = []
  const item = state.items.get(offer.sku)
  if (offer.pricingSummary?.price === undefined)
    errors.push(
      inventoryError(25003, "Invalid price. The offer has no price.", [{ name: "pricingSummary.price", value: "" }]),
    )
  const quantity = offer.availableQuantity ?? item?.availability?.shipToLocationAvailability?.quantity ?? 0
  if (quantity <= 0)
    errors.push(
      inventoryError(25004, "Invalid quantity. The item has no available quantity.", [
        { name: "availability", value: String(quantity) },
      ]),
    )
  if (offer.categoryId === undefined)
    errors.push(inventoryError(25005, "Invalid category. No category is set.", [{ name: "categoryId", value: "" }]))
  if (offer.listingPolicies === undefined)
    errors.push(
      inventoryError(25007, "Invalid Shipping policy information. No listing policies are set.", [
        { name: "listingPolicies", value: "" },
      ]),
    )
  if (offer.merchantLocationKey === undefined)
    errors.push(
      inventoryError(25012, "Invalid location. No merchantLocationKey is set.", [
        { name: "merchantLocationKey", value: "" },
      ]),
    )
  if (item?.condition === undefined)
    errors.push(inventoryError(25002, "Any User error. The item has no condition.", [{ name: "condition", value: "" }]))
  if (!viaGroup && (item?.inventoryItemGroupKeys ?? []).length > 0) {
    errors.push(
      inventoryError(
        25002,
        "Any User error. Offers of an inventory item group are published with publishOfferByInventoryItemGroup.",
      ),
    )
  }
  return errors
}

export const offerHandlers = (state: EbaySandboxState) => [
  // https://developer.ebay.com/api-docs/sell/inventory/resources/offer/methods/bulkCreateOffer
  http.post(
    `${BASE}/bulk_create_offer`,
    guarded(state, "bulkCreateOffer", async ({ request }) => {
      const language = missingLanguage(request)
      if (language !== undefined) return language
      const bulk = await bulkRequests(request, {
        limit: BULK_LIMIT,
        none: invalidValue("requests", "At least one offer is required."),
        tooMany: () => inventoryError(25730, `The number of offers in the request cannot exceed ${BULK_LIMIT}`),
      })
      if (!bulk.ok) return bulk.answer
      const requests = bulk.requests
      const responses = requests.map((raw) => {
        const offer = isRecord(raw) ? raw : {}
        const sku = typeof offer.sku === "string" ? offer.sku : ""
        const echo = { sku, marketplaceId: String(offer.marketplaceId ?? ""), format: String(offer.format ?? "") }
        const errors = offerErrors(state, offer)
        if (errors.length > 0) return { statusCode: 400, ...echo, errors }
        const offerId = String(state.nextOfferId++)
        state.offers.set(offerId, {
          ...(structuredClone(offer) as unknown as StoredOffer),
          offerId,
          status: "UNPUBLISHED",
        })
        return { statusCode: 200, ...echo, offerId }
      })
      return json(bulkStatus(responses.map((r) => r.statusCode)), { responses })
    }),
  ),

  // https://developer.ebay.com/api-docs/sell/inventory/resources/offer/methods/bulkPublishOffer
  http.post(
    `${BASE}/bulk_publish_offer`,
    guarded(state, "bulkPublishOffer", async ({ request }) => {
      const bulk = await bulkRequests(request, {
        limit: BULK_LIMIT,
        none: invalidValue("requests", "At least one offerId is required."),
        tooMany: () => inventoryError(25730, `The number of offers in the request cannot exceed ${BULK_LIMIT}`),
      })
      if (!bulk.ok) return bulk.answer
      const requests = bulk.requests
      const responses = requests.map((raw) => {
        const offerId = isRecord(raw) && typeof raw.offerId === "string" ? raw.offerId : ""
        const offer = state.offers.get(offerId)
        if (offer === undefined) return { statusCode: 404, offerId, errors: [unknownOffer(offerId)] }
        const errors = publishErrors(state, offer)
        if (errors.length > 0) return { statusCode: 400, offerId, errors }
        offer.status = "PUBLISHED"
        const listingId = offer.listing?.listingId ?? String(state.nextListingId++)
        offer.listing = { listingId }
        return { statusCode: 200, offerId, listingId }
      })
      return json(bulkStatus(responses.map((r) => r.statusCode)), { responses })
    }),
  ),

  // https://developer.ebay.com/api-docs/sell/inventory/resources/offer/methods/publishOfferByInventoryItemGroup
  http.post(
    `${BASE}/offer/publish_by_inventory_item_group`,
    guarded(state, "publishOfferByInventoryItemGroup", async ({ request }) => {
      const body = await readJson(request)
      if (!body.ok) return body.answer
      const params = isRecord(body.value) ? body.value : {}
      const key = typeof params.inventoryItemGroupKey === "string" ? params.inventoryItemGroupKey : ""
      const group = state.groups.get(key)
      if (group === undefined) {
        return errorAnswer(
          400,
          inventoryError(
            25705,
            `The Inventory Item Group named ${key} could not be found or is not available in the system.`,
          ),
        )
      }
      const marketplace = String(params.marketplaceId ?? "")
      const offers = group.variantSKUs.map((sku) => ({
        sku,
        offer: [...state.offers.values()].find((o) => o.sku === sku && o.marketplaceId === marketplace),
      }))
      const errors = offers.flatMap(({ sku, offer }) =>
        offer === undefined
          ? [
              inventoryError(25002, `Any User error. SKU ${sku} has no offer on ${marketplace}.`, [
                { name: "sku", value: sku },
              ]),
            ]
          : publishErrors(state, offer, true),
      )
      if (errors.length > 0) return errorAnswer(400, ...errors)
      const listingId = String(state.nextListingId++)
      for (const { offer } of offers) {
        if (offer === undefined) continue
        offer.status = "PUBLISHED"
        offer.listing = { listingId }
      }
      return json(200, { listingId })
    }),
  ),

  // https://developer.ebay.com/api-docs/sell/inventory/resources/offer/methods/getOffers
  http.get(
    `${BASE}/offer`,
    guarded(state, "getOffers", ({ request }) => {
      const query = new URL(request.url).searchParams
      const sku = query.get("sku")
      if (sku === null || sku === "")
        return errorAnswer(400, invalidValue("sku", "The sku query parameter is required."))
      const limit = Number(query.get("limit") ?? "25")
      const offset = Number(query.get("offset") ?? "0")
      if (!Number.isInteger(limit) || limit < 1 || limit > 200 || !Number.isInteger(offset) || offset < 0) {
        return errorAnswer(
          400,
          inventoryError(25706, "You have provided invalid pagination values. limit is 1 to 200, offset 0 or more."),
        )
      }
      const marketplace = query.get("marketplace_id")
      const format = query.get("format")
      const offers = [...state.offers.values()].filter(
        (o) =>
          o.sku === sku &&
          (marketplace === null || o.marketplaceId === marketplace) &&
          (format === null || o.format === format),
      )
      if (offers.length === 0) return errorAnswer(404, unknownOffer(""))
      const page = offers.slice(offset, offset + limit)
      return json(200, { total: offers.length, size: page.length, limit, offers: page })
    }),
  ),

  // https://developer.ebay.com/api-docs/sell/inventory/resources/offer/methods/bulkUpdatePriceQuantity
  http.post(
    `${BASE}/bulk_update_price_quantity`,
    guarded(state, "bulkUpdatePriceQuantity", async ({ request }) => {
      const bulk = await bulkRequests(request, {
        limit: BULK_LIMIT,
        none: invalidValue("requests", "At least one SKU is required."),
        tooMany: (count) =>
          invalidValue("requests", `No more than ${BULK_LIMIT} SKUs can be updated in one call.`, String(count)),
      })
      if (!bulk.ok) return bulk.answer
      const requests = bulk.requests
      const responses: Array<{
        statusCode: number
        sku: string
        offerId?: string
        errors?: ReadonlyArray<SandboxError>
      }> = []
      for (const raw of requests) {
        const entry = isRecord(raw) ? raw : {}
        const sku = typeof entry.sku === "string" ? entry.sku : ""
        const extra = unknownField(entry, ["sku", "offers", "shipToLocationAvailability"])
        if (extra !== undefined) {
          responses.push({
            statusCode: 400,
            sku,
            errors: [invalidValue(extra, "This field is not part of PriceQuantity.")],
          })
          continue
        }
        const item = state.items.get(sku)
        if (item === undefined) {
          responses.push({ statusCode: 404, sku, errors: [unknownSku(sku)] })
          continue
        }
        const ship = entry.shipToLocationAvailability
        if (ship !== undefined) {
          const quantity = isRecord(ship) ? ship.quantity : undefined
          const distributions = isRecord(ship) ? ship.availabilityDistributions : undefined
          const validDistributions =
            distributions === undefined ||
            (Array.isArray(distributions) &&
              distributions.every(
                (d) => isRecord(d) && typeof d.merchantLocationKey === "string" && isQuantity(d.quantity),
              ))
          if ((quantity !== undefined && !isQuantity(quantity)) || !validDistributions) {
            responses.push({
              statusCode: 400,
              sku,
              errors: [
                invalidValue("shipToLocationAvailability.quantity", "A whole number, 0 or more.", JSON.stringify(ship)),
              ],
            })
            continue
          }
          item.availability = { shipToLocationAvailability: structuredClone(ship) as { quantity?: number } }
          if (entry.offers === undefined) responses.push({ statusCode: 200, sku })
        }
        const offers = Array.isArray(entry.offers) ? entry.offers : []
        if (entry.offers !== undefined && !Array.isArray(entry.offers)) {
          responses.push({ statusCode: 400, sku, errors: [invalidValue("offers", "An array of offers is required.")] })
          continue
        }
        if (ship === undefined && offers.length === 0) {
          responses.push({
            statusCode: 400,
            sku,
            errors: [invalidValue("offers", "Give offers or shipToLocationAvailability.")],
          })
          continue
        }
        for (const rawOffer of offers) {
          const change = isRecord(rawOffer) ? rawOffer : {}
          const offerId = typeof change.offerId === "string" ? change.offerId : ""
          const offer = state.offers.get(offerId)
          if (offer === undefined || offer.sku !== sku) {
            responses.push({ statusCode: 404, sku, offerId, errors: [unknownOffer(offerId)] })
            continue
          }
          if (change.price !== undefined && !isAmount(change.price)) {
            responses.push({
              statusCode: 400,
              sku,
              offerId,
              errors: [invalidValue("price", "Use a decimal value and a currency.", JSON.stringify(change.price))],
            })
            continue
          }
          if (change.availableQuantity !== undefined && !isQuantity(change.availableQuantity)) {
            responses.push({
              statusCode: 400,
              sku,
              offerId,
              errors: [
                invalidValue("availableQuantity", "A whole number, 0 or more.", String(change.availableQuantity)),
              ],
            })
            continue
          }
          if (isAmount(change.price)) offer.pricingSummary = { ...offer.pricingSummary, price: { ...change.price } }
          if (isQuantity(change.availableQuantity)) offer.availableQuantity = change.availableQuantity
          responses.push({ statusCode: 200, sku, offerId })
        }
      }
      return json(bulkStatus(responses.map((r) => r.statusCode)), { responses })
    }),
  ),
]
