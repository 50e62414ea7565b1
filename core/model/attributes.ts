import { Schema } from "effect"
import { LocalizedText } from "./localizedText.ts"

/** A vendor-specific value the canonical model has no field for: typed, never an untyped blob. */
export const AttributeValue = Schema.Union(
  Schema.String,
  Schema.Number,
  Schema.Boolean,
  LocalizedText,
  Schema.Array(Schema.String),
)
export type AttributeValue = typeof AttributeValue.Type

/** Free-form, typed attributes: `{ material: "cotton", fit: { "de-DE": "Schmal" } }`. */
export const Attributes = Schema.Record({ key: Schema.String, value: AttributeValue }).annotations({
  identifier: "Attributes",
})
export type Attributes = typeof Attributes.Type
