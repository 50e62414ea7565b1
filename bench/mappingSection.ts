/**
 * The mapping section: 200,000 Odoo products → canonical → Shopify through esl, a hand-written
 * function and JSONata (`bench/mapping.ts`), as rates and the two ratios against their targets.
 */
import { atLeast, type BenchSection, type Figure } from "./section.ts"

const MAPPING_RECORDS = 200_000

/** What `bench/mapping.ts` returns, as far as this section reads it. */
interface MappingFigures {
  readonly records?: number
  readonly esl?: number
  readonly handWritten?: number
  readonly jsonata?: number
  readonly effectPath?: number
  readonly eslVsHandWritten?: number
  readonly eslVsJsonata?: number
}

const figuresOf = (m: MappingFigures): Figure[] => {
  const figures: Figure[] = []
  const rate = (name: string, value: number | undefined) => {
    if (value !== undefined) figures.push({ section: "mapping", name, value, unit: "records/s" })
  }
  rate("esl (compiled)", m.esl)
  rate("hand-written TypeScript", m.handWritten)
  rate("JSONata", m.jsonata)
  rate("esl (Effect path, reference)", m.effectPath)
  if (m.eslVsHandWritten !== undefined)
    figures.push({
      section: "mapping",
      name: "esl / hand-written",
      value: m.eslVsHandWritten,
      unit: "×",
      target: "≥ 0.5×",
      ...atLeast(m.eslVsHandWritten, 0.5),
    })
  if (m.eslVsJsonata !== undefined)
    figures.push({
      section: "mapping",
      name: "esl / JSONata",
      value: m.eslVsJsonata,
      unit: "×",
      target: "≥ 10×",
      ...atLeast(m.eslVsJsonata, 10),
    })
  return figures
}

export const mappingSection: BenchSection = {
  name: "mapping",
  describe: "200,000 Odoo products → canonical → Shopify: esl vs hand-written vs JSONata",
  run: async () => {
    console.error("mapping: 200,000 records…")
    const { benchMapping } = await import("./mapping.ts")
    const result = (await benchMapping({ records: MAPPING_RECORDS })) as MappingFigures
    return { figures: figuresOf(result), result }
  },
}
