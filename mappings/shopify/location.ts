/**
 * Shopify location ⇄ canonical Location. The code comes from the `locations` option (or is the
 * location's name). Shopify has no location kind: a fulfilment service (3PL app) is `dropship`,
 * a location offering local pickup is a `store`, any other a `warehouse`.
 */
import { Effect, Schema } from "effect"
import { LocationRecord } from "../../connectors/shopify/schemas/location.ts"
import { defineMapping, MappingContext } from "../../core/mapping/index.ts"
import { optional, Problems } from "../../core/mapping/problems.ts"
import { Location, toInstant } from "../../core/model/index.ts"
import { addressFromShopify } from "./address.ts"
import { locationCodeOf, locationRefOf } from "./lookups.ts"

type LocationEncoded = typeof Location.Encoded

const LocationFromShopify = Schema.transformOrFail(LocationRecord, Location, {
  strict: true,
  decode: (node, _, ast) =>
    Effect.gen(function* () {
      const ctx = yield* MappingContext
      const problems = new Problems(ast, node)
      const pickupEnabled = node.localPickupSettingsV2 !== null
      const updatedAt = problems.attempt(["updatedAt"], () => toInstant(node.updatedAt))
      return yield* problems.result(
        (): LocationEncoded => ({
          code: locationCodeOf(ctx, node),
          name: node.name,
          kind: node.isFulfillmentService ? "dropship" : pickupEnabled ? "store" : "warehouse",
          // A location's address may be partial in Shopify (a country only); it is then left out.
          ...optional("address", addressFromShopify(node.address, node.address.countryCode)),
          pickupEnabled,
          shipFromEnabled: node.fulfillsOnlineOrders,
          updatedAt: updatedAt!,
        }),
      )
    }),
  encode: (location) =>
    Effect.gen(function* () {
      const ctx = yield* MappingContext
      const { id } = locationRefOf(ctx, location.code)
      const address = location.address
      return {
        ...optional("id", id),
        name: location.name,
        isActive: true,
        isFulfillmentService: location.kind === "dropship",
        fulfillsOnlineOrders: location.shipFromEnabled,
        address: {
          address1: address?.line1 ?? null,
          address2: address?.line2 ?? null,
          city: address?.city ?? null,
          zip: address?.postalCode ?? null,
          provinceCode: address?.region ?? null,
          countryCode: address?.countryCode ?? null,
          phone: address?.phone ?? null,
        },
        localPickupSettingsV2: location.pickupEnabled ? { instructions: "" } : null,
        updatedAt: location.updatedAt,
      }
    }),
})

/** Shopify locations → canonical locations (locations are managed in the Shopify admin, not written). */
// Read only; the explicit `unknown` lets a mapping without `write` sit in `SystemMappings`.
export const locationMapping = defineMapping<"location", typeof LocationRecord.Encoded, unknown>({
  entity: "location",
  read: LocationFromShopify,
})
