import type { Schema } from "effect"
import type { Canonical, EntityName } from "../model/index.ts"
import type { MappingContext } from "./context.ts"

/**
 * A vendor ⇄ canonical mapping, as Effect Schema transformations: `decode` goes vendor →
 * canonical, `encode` canonical → vendor. `read` takes what the vendor's stream yields;
 * `write` produces what the vendor's sink accepts (the two shapes differ for most vendors).
 */
export interface EntityMapping<E extends EntityName, ReadEncoded = unknown, WriteEncoded = unknown> {
  readonly entity: E
  readonly read?: Schema.Schema<Canonical<E>, ReadEncoded, MappingContext>
  readonly write?: Schema.Schema<Canonical<E>, WriteEncoded, MappingContext>
}

/**
 * All mappings of one connector, by canonical entity. The vendor shapes are `any` because a
 * Schema's encoded type is invariant: with `unknown`, no typed mapping could be registered.
 */
// biome-ignore lint/suspicious/noExplicitAny: see above; each mapping stays typed where it is defined.
export type SystemMappings = { readonly [E in EntityName]?: EntityMapping<E, any, any> }

/** Declares a mapping; the types of read/write are checked against the entity's canonical schema. */
export const defineMapping = <E extends EntityName, ReadEncoded = unknown, WriteEncoded = unknown>(
  mapping: EntityMapping<E, ReadEncoded, WriteEncoded>,
): EntityMapping<E, ReadEncoded, WriteEncoded> => mapping
