/**
 * The Inventory API's request checks, as the sandbox applies them to each item of a bulk call:
 * unknown fields and bad values are the item's errors (25709 and friends), not the request's.
 */
import { invalidValue, inventoryError, type SandboxError } from "./errors.ts"
import { isRecord, unknownField } from "./gate.ts"

/** ConditionEnum (https://developer.ebay.com/api-docs/sell/inventory/types/slr:ConditionEnum). */
export const CONDITIONS = [
  "NEW",
  "LIKE_NEW",
  "NEW_OTHER",
  "NEW_WITH_DEFECTS",
  "CERTIFIED_REFURBISHED",
  "EXCELLENT_REFURBISHED",
  "VERY_GOOD_REFURBISHED",
  "GOOD_REFURBISHED",
  "SELLER_REFURBISHED",
  "USED_EXCELLENT",
  "USED_VERY_GOOD",
  "USED_GOOD",
  "USED_ACCEPTABLE",
  "FOR_PARTS_OR_NOT_WORKING",
  "PRE_OWNED_EXCELLENT",
  "PRE_OWNED_FAIR",
]

const ITEM_FIELDS = [
  "sku",
  "locale",
  "condition",
  "conditionDescription",
  "conditionDescriptors",
  "product",
  "packageWeightAndSize",
  "availability",
]
const PRODUCT_FIELDS = [
  "title",
  "subtitle",
  "description",
  "aspects",
  "brand",
  "mpn",
  "ean",
  "upc",
  "isbn",
  "epid",
  "imageUrls",
  "videoIds",
]
const WEIGHT_UNITS = ["POUND", "KILOGRAM", "OUNCE", "GRAM"]

export const OFFER_FIELDS = [
  "sku",
  "marketplaceId",
  "format",
  "availableQuantity",
  "categoryId",
  "secondaryCategoryId",
  "charity",
  "extendedProducerResponsibility",
  "hideBuyerDetails",
  "includeCatalogProductDetails",
  "listingDescription",
  "listingDuration",
  "listingPolicies",
  "listingStartDate",
  "lotSize",
  "merchantLocationKey",
  "pricingSummary",
  "quantityLimitPerBuyer",
  "regulatory",
  "storeCategoryNames",
  "tax",
]

const isStringArray = (v: unknown): v is Array<string> => Array.isArray(v) && v.every((s) => typeof s === "string")

/** A decimal amount eBay accepts: `24.95`, at most two decimals, not negative. */
export const isAmount = (value: unknown): value is { value: string; currency: string } =>
  isRecord(value) &&
  typeof value.value === "string" &&
  /^\d+(\.\d{1,2})?$/.test(value.value) &&
  typeof value.currency === "string" &&
  /^[A-Z]{3}$/.test(value.currency)

/** Checks one inventory item request of `bulkCreateOrReplaceInventoryItem`. */
export const inventoryItemErrors = (item: Record<string, unknown>): ReadonlyArray<SandboxError> => {
  const errors: Array<SandboxError> = []
  const unknown = unknownField(item, ITEM_FIELDS)
  if (unknown !== undefined) errors.push(invalidValue(unknown, "This field is not part of InventoryItemWithSkuLocale."))
  if (typeof item.sku !== "string" || item.sku === "" || item.sku.length > 50) {
    errors.push(inventoryError(25708, "Invalid SKU.", [{ name: "sku", value: String(item.sku ?? "") }]))
  }
  if (typeof item.locale !== "string" || !/^[a-z]{2}_[A-Z]{2}$/.test(item.locale)) {
    errors.push(invalidValue("locale", "The locale must look like de_DE.", String(item.locale ?? "")))
  }
  if (item.condition !== undefined && !CONDITIONS.includes(String(item.condition))) {
    errors.push(invalidValue("condition", "Use a ConditionEnum value.", String(item.condition)))
  }
  const product = item.product
  if (product !== undefined) {
    if (!isRecord(product)) errors.push(invalidValue("product", "The product container must be an object."))
    else {
      const unknownProduct = unknownField(product, PRODUCT_FIELDS)
      if (unknownProduct !== undefined) {
        errors.push(invalidValue(`product.${unknownProduct}`, "This field is not part of Product."))
      }
      if (product.title !== undefined && (typeof product.title !== "string" || product.title.length > 80)) {
        errors.push(invalidValue("product.title", "The title is limited to 80 characters.", String(product.title)))
      }
      if (product.aspects !== undefined) {
        const aspects = product.aspects
        if (!isRecord(aspects) || !Object.values(aspects).every(isStringArray)) {
          errors.push(invalidValue("product.aspects", "Aspects are a map of names to arrays of values."))
        }
      }
      if (product.ean !== undefined) {
        const ean = product.ean
        if (!isStringArray(ean) || !ean.every((e) => /^(\d{8}|\d{13})$/.test(e))) {
          errors.push(invalidValue("product.ean", "An EAN has 8 or 13 digits.", JSON.stringify(ean)))
        }
      }
      if (product.imageUrls !== undefined) {
        const urls = product.imageUrls
        if (!isStringArray(urls) || urls.length > 24 || !urls.every((u) => u.startsWith("https://"))) {
          errors.push(invalidValue("product.imageUrls", "Up to 24 image URLs, each with HTTPS."))
        }
      }
    }
  }
  const weight = isRecord(item.packageWeightAndSize) ? item.packageWeightAndSize.weight : undefined
  if (weight !== undefined) {
    if (
      !isRecord(weight) ||
      typeof weight.value !== "number" ||
      weight.value < 0 ||
      !WEIGHT_UNITS.includes(String(weight.unit))
    ) {
      errors.push(
        invalidValue("packageWeightAndSize.weight", "Both unit and value are required.", JSON.stringify(weight)),
      )
    }
  }
  return errors
}
