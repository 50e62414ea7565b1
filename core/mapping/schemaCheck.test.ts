import { SchemaAST } from "effect"
import { describe, expect, it } from "vitest"
import { defaultMappings } from "../../mappings/index.ts"
import type { EntityMapping } from "./define.ts"
import { isCompiledCheck } from "./schemaCheck.ts"

// biome-ignore lint/suspicious/noExplicitAny: every default mapping, whatever its vendor shapes.
type AnyMapping = EntityMapping<any, any, any>

/** Every side of every default mapping the fast path checks: plain (no transformation inside). */
const plainSides = Object.entries(defaultMappings).flatMap(([system, mappings]) =>
  Object.entries(mappings as Record<string, AnyMapping | undefined>).flatMap(([entity, mapping]) =>
    (["read", "write"] as const).flatMap((direction) => {
      const ast = mapping?.[direction]?.ast
      if (ast === undefined || !SchemaAST.isTransformation(ast)) return []
      return [ast.from, ast.to]
        .filter((side) => SchemaAST.typeAST(side) === side)
        .map((side, i) => [`${system} ${entity} ${direction} ${i === 0 ? "vendor" : "canonical"}`, side] as const)
    }),
  ),
)

describe("compiled checks of the default mappings", () => {
  it("finds the mappings' sides", () => {
    expect(plainSides.length).toBeGreaterThan(100)
  })

  // A side that falls back to Effect's validator is still right, only several times slower: this
  // is how a JSON Schema ajv refuses (Akeneo's repeated `$id` once) is noticed.
  it.each(plainSides)("%s is one compiled validator, not Effect's fallback", (_, side) => {
    expect(isCompiledCheck(side)).toBe(true)
  })
})
