/**
 * What the products stream yields: one canonical product's worth of Akeneo data, joined. A
 * product model with its variant products and the family variant's axes (with the axis
 * attributes' labels), or a simple product alone. The mapping reads only this record, so it
 * stays pure: everything it looks up was fetched by the stream.
 */
import { Schema } from "effect"
import { AkeneoProduct, AkeneoProductModel } from "./product.ts"
import { Labels } from "./values.ts"

/** A variant axis: the attribute's code and its labels (`size` → `{ en_US: "Size", de_DE: "Größe" }`). */
export const VariantAxis = Schema.Struct({ code: Schema.String, labels: Labels })
export type VariantAxis = typeof VariantAxis.Type

export const AkeneoProductRecord = Schema.Struct({
  /** The product number: the model's code, or the simple product's identifier. */
  code: Schema.String,
  /** The product model; null for a simple product. */
  model: Schema.NullOr(AkeneoProductModel),
  /** The simple product; null when `model` is set. */
  product: Schema.NullOr(AkeneoProduct),
  /** The model's variant products (values include those inherited from the model, as Akeneo returns them). */
  variants: Schema.Array(AkeneoProduct),
  axes: Schema.Array(VariantAxis),
})
export type AkeneoProductRecord = typeof AkeneoProductRecord.Type

/** The record's last change: the latest `updated` of the model, the simple product and every variant. */
export const recordUpdated = (record: AkeneoProductRecord): string => {
  const stamps = [
    ...(record.model ? [record.model.updated] : []),
    ...(record.product ? [record.product.updated] : []),
    ...record.variants.map((v) => v.updated),
  ]
  return stamps.reduce((latest, at) => (Date.parse(at) > Date.parse(latest) ? at : latest), stamps[0] ?? "")
}
