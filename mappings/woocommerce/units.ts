/**
 * Weight and dimension units: the hub names its unit per value, a WooCommerce shop has one unit
 * for all (Settings → Products), so values are converted to the shop's unit on the way in.
 */
import { shopTable } from "../../connectors/woocommerce/lookupTables.ts"
import type { MappingContextShape } from "../../core/mapping/index.ts"

type WeightUnit = "g" | "kg" | "lb" | "oz"
type LengthUnit = "mm" | "cm" | "m" | "in"

const GRAMS: Readonly<Record<string, number>> = { g: 1, kg: 1000, lb: 453.59237, lbs: 453.59237, oz: 28.349523125 }
const MILLIMETRES: Readonly<Record<string, number>> = { mm: 1, cm: 10, m: 1000, in: 25.4, yd: 914.4 }

/** A number as WooCommerce stores it: a string without float noise (`0.18`, not `0.18000000000000002`). */
const decimalString = (value: number): string => String(Number(value.toFixed(4)))

export const shopWeightUnit = (ctx: MappingContextShape): string => ctx.lookup(shopTable, "weightUnit") ?? "kg"
export const shopDimensionUnit = (ctx: MappingContextShape): string => ctx.lookup(shopTable, "dimensionUnit") ?? "cm"
export const shopPricesIncludeTax = (ctx: MappingContextShape): boolean =>
  ctx.lookup(shopTable, "pricesIncludeTax") !== "false"

/** A canonical weight in the shop's unit. */
export const weightToShop = (weight: { value: number; unit: WeightUnit } | undefined, shopUnit: string): string =>
  weight === undefined ? "" : decimalString((weight.value * (GRAMS[weight.unit] ?? 1)) / (GRAMS[shopUnit] ?? 1))

/** The shop's weight string as a canonical weight in the canonical form of the shop's unit. */
export const weightFromShop = (weight: string, shopUnit: string): { value: number; unit: WeightUnit } | undefined => {
  const value = Number(weight)
  if (weight.trim() === "" || !Number.isFinite(value) || value <= 0) return undefined
  const unit: WeightUnit = shopUnit === "lbs" ? "lb" : shopUnit === "g" || shopUnit === "oz" ? shopUnit : "kg"
  return { value, unit }
}

export const dimensionsToShop = (
  d: { length: number; width: number; height: number; unit: LengthUnit } | undefined,
  shopUnit: string,
): { length: string; width: string; height: string } => {
  if (d === undefined) return { length: "", width: "", height: "" }
  const factor = (MILLIMETRES[d.unit] ?? 1) / (MILLIMETRES[shopUnit] ?? 1)
  return {
    length: decimalString(d.length * factor),
    width: decimalString(d.width * factor),
    height: decimalString(d.height * factor),
  }
}

export const dimensionsFromShop = (
  d: { length: string; width: string; height: string },
  shopUnit: string,
): { length: number; width: number; height: number; unit: LengthUnit } | undefined => {
  if (d.length === "" || d.width === "" || d.height === "") return undefined
  // A yard has no canonical unit: such shops' dimensions come in as metres.
  const unit: LengthUnit =
    shopUnit === "mm" || shopUnit === "m" || shopUnit === "in" ? shopUnit : shopUnit === "yd" ? "m" : "cm"
  const factor = shopUnit === "yd" ? 0.9144 : 1
  return { length: Number(d.length) * factor, width: Number(d.width) * factor, height: Number(d.height) * factor, unit }
}
