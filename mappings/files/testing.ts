/** Test support for the Files mappings: a context with the sandbox's export options, and both directions. */
import { Effect, Schema } from "effect"
import { FilesConfig } from "../../connectors/files/config.ts"
import { filesSandboxFeeds } from "../../connectors/files/sandbox/index.ts"
import { filesLookupTables } from "../../connectors/files/schemas/tables.ts"
import { decodeRecord, encodeRecord, type MappingError, mappingContext } from "../../core/mapping/index.ts"
import type { Canonical, EntityName } from "../../core/model/index.ts"
import { filesMappings } from "./index.ts"

const config = Schema.decodeSync(FilesConfig)({ location: { kind: "local", path: "/" }, feeds: filesSandboxFeeds })

/** A system reading and writing the sandbox's German exports. */
export const context = mappingContext(
  "erp",
  { locale: "de", currency: "EUR", channel: "files", priceList: "default" },
  filesLookupTables(config),
)

const mappingOf = <E extends EntityName>(entity: E) => {
  const mapping = filesMappings[entity]
  if (mapping === undefined) throw new Error(`no Files mapping for ${entity}`)
  return mapping
}

export const decode = <E extends EntityName>(entity: E, raw: unknown): Promise<Canonical<E>> =>
  Effect.runPromise(decodeRecord(mappingOf(entity), context, raw, "test"))

export const decodeFailure = <E extends EntityName>(entity: E, raw: unknown): Promise<MappingError> =>
  Effect.runPromise(Effect.flip(decodeRecord(mappingOf(entity), context, raw, "test")))

export const encode = <E extends EntityName>(entity: E, record: Canonical<E>): Promise<unknown> =>
  Effect.runPromise(encodeRecord(mappingOf(entity), context, record, "test"))
