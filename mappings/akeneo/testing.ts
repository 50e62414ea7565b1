/** What the Akeneo mapping tests share: the demo PIM's mapping context and its recorded records. */
import { Effect, Schema } from "effect"
import categoriesJson from "../../connectors/akeneo/fixtures/categories.json" with { type: "json" }
import recordsJson from "../../connectors/akeneo/fixtures/product-records.json" with { type: "json" }
import type { AkeneoCategory } from "../../connectors/akeneo/schemas/catalog.ts"
import { AkeneoCategory as CategorySchema } from "../../connectors/akeneo/schemas/catalog.ts"
import type { AkeneoProductRecord } from "../../connectors/akeneo/schemas/record.ts"
import { AkeneoProductRecord as RecordSchema } from "../../connectors/akeneo/schemas/record.ts"
import { type MappingContextShape, mappingContext } from "../../core/mapping/index.ts"
import { attributesTable, mediaTable } from "./values.ts"

/** The demo PIM: English option labels, channel `ecommerce`, the usual attribute codes unless overridden. */
export const pimContext = (
  overrides: {
    readonly locale?: string
    readonly channel?: string
    readonly attributes?: Record<string, string>
    readonly mediaBaseUrl?: string
  } = {},
): MappingContextShape =>
  mappingContext(
    "pim",
    {
      locale: overrides.locale ?? "en-US",
      currency: "EUR",
      channel: overrides.channel ?? "ecommerce",
      priceList: "default",
    },
    {
      ...(overrides.attributes === undefined ? {} : { [attributesTable]: overrides.attributes }),
      ...(overrides.mediaBaseUrl === undefined ? {} : { [mediaTable]: { baseUrl: overrides.mediaBaseUrl } }),
    },
  )

const records = Schema.decodeUnknownSync(Schema.Array(RecordSchema))(recordsJson)

/** A recorded products-stream record by product number (ALP-TEE, ALP-BOTTLE-075). */
export const recordOf = (code: string): AkeneoProductRecord => {
  const record = records.find((r) => r.code === code)
  if (record === undefined) throw new Error(`no recorded record ${code}`)
  return record
}

/** The recorded categories. */
export const recordedCategories: ReadonlyArray<AkeneoCategory> = Schema.decodeUnknownSync(Schema.Array(CategorySchema))(
  categoriesJson,
)

export const runMapping = <A, E>(effect: Effect.Effect<A, E>) => Effect.runPromise(effect)
