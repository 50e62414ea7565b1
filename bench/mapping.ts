/**
 * Mapping benchmark: realistic Odoo product records → canonical Product → Shopify `productSet`
 * payload, through esl's mapping pipeline (compiled fast path, with validation of every side),
 * versus a hand-written TypeScript function producing the same payload (the practical limit),
 * versus the same mapping in JSONata. Targets: esl ≥ 0.5× hand-written, esl ≥ 10× JSONata.
 *
 *   npx tsx bench/mapping.ts [--records N] [--jsonata-records N] [--runs N]
 *
 * esl runs as the sync engine does: a page of records at a time through the compiled mappings
 * (`decodeMany`, then `encodeMany` on the canonical records).
 *
 * Every timed run starts after a full garbage collection, so no implementation pays for collecting
 * what the one before it left (a run keeps its 200,000 payloads until it ends).
 *
 * Before timing, the three produce the same payload for a sample (asserted here). JSONata is
 * timed on a subset (default 20,000 records): its rate per record does not depend on the count,
 * and 200,000 records would take minutes per run.
 */

import { fileURLToPath } from "node:url"
import { isDeepStrictEqual } from "node:util"
import { Effect, Either } from "effect"
import jsonata from "jsonata"
import type { OdooProduct } from "../connectors/odoo/schemas/product.ts"
import { compileMapping, decodeRecord, encodeRecord, mappingContext } from "../core/mapping/index.ts"
import type { Product } from "../core/model/index.ts"
import { productMapping as odooProducts } from "../mappings/odoo/product.ts"
import { productMapping as shopifyProducts } from "../mappings/shopify/product.ts"
import { collectGarbage } from "./collectGarbage.ts"

export interface MappingBenchResult {
  readonly records: number
  /** Records per CPU-second of this process, median of the interleaved runs. */
  readonly esl: number
  readonly handWritten: number
  readonly jsonata: number
  /** The uncompiled Effect path (`decodeRecord` + `encodeRecord`), for reference. */
  readonly effectPath: number
  /** Records per wall-clock second (includes other processes' load on a shared machine). */
  readonly wall: { readonly esl: number; readonly handWritten: number; readonly jsonata: number }
  readonly eslVsHandWritten: number
  readonly eslVsJsonata: number
  readonly targets: { readonly handWritten: boolean; readonly jsonata: boolean }
}

const ctx = mappingContext("erp", { locale: "en", currency: "EUR", channel: "odoo", priceList: "default" })

// --- records ------------------------------------------------------------------------------

/** A small deterministic PRNG (mulberry32), so every run maps the same records. */
const random = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}

const CATEGORIES = ["All / Apparel", "All / Apparel / Jackets", "All / Footwear", "All / Accessories", "All / Camping"]
const NOUNS = ["T-Shirt", "Hoodie", "Rain Jacket", "Trail Shoe", "Beanie", "Backpack 30 L", "Tent 2P", "Fleece"]
const ADJECTIVES = ["Organic Cotton", "Merino", "Alpine", "Recycled", "Ultralight", "Classic", "Storm", "Summit"]
const SIZES = ["XS", "S", "M", "L", "XL"]
const COLORS = ["Black", "Navy", "Olive", "Sand", "Red"]
const UOMS = ["kg", "kg", "kg", "g", "lb"]

const ean13 = (first12: string): string => {
  let sum = 0
  for (let i = 0; i < 12; i++) sum += Number(first12[i]) * (i % 2 === 0 ? 1 : 3)
  return `${first12}${(10 - (sum % 10)) % 10}`
}

const datetime = (next: () => number) => {
  const day = 1 + Math.floor(next() * 28)
  const month = 1 + Math.floor(next() * 12)
  const two = (n: number) => String(n).padStart(2, "0")
  return `2026-${two(month)}-${two(day)} ${two(Math.floor(next() * 24))}:${two(Math.floor(next() * 60))}:${two(Math.floor(next() * 60))}`
}

/**
 * Odoo products as the products stream yields them: a product.template read (with the fields a
 * real `search_read` also returns and the mapping ignores: list_price, taxes, uom, company…)
 * and its product.product variants with their attribute values.
 */
export const odooProductRecords = (count: number, seed = 42): Array<OdooProduct & Record<string, unknown>> => {
  const next = random(seed)
  const pick = <A>(items: ReadonlyArray<A>): A => items[Math.floor(next() * items.length)] as A
  const records: Array<OdooProduct & Record<string, unknown>> = []
  for (let id = 1; id <= count; id++) {
    const name = `${pick(ADJECTIVES)} ${pick(NOUNS)}`
    const code = `ALP-${String(id).padStart(6, "0")}`
    const sizes = SIZES.slice(0, 1 + Math.floor(next() * SIZES.length))
    const colors = next() < 0.3 ? [] : COLORS.slice(0, 1 + Math.floor(next() * 2))
    const single = sizes.length === 1 && colors.length === 0 && next() < 0.5
    const written = datetime(next)
    const weight = Math.round(next() * 2000) / 1000
    const categ = 2 + Math.floor(next() * CATEGORIES.length)
    const variants = (
      single ? [[]] : sizes.flatMap((size) => (colors.length === 0 ? [[size]] : colors.map((c) => [size, c])))
    ).map((values, index) => {
      const [size, color] = values
      const options = [
        ...(size === undefined || single ? [] : [{ attribute: "Size", value: size }]),
        ...(color === undefined ? [] : [{ attribute: "Color", value: color }]),
      ]
      const variantId = id * 10 + index
      return {
        id: variantId,
        product_tmpl_id: [id, name] as const,
        default_code: single ? code : `${code}-${values.join("-").toUpperCase()}`,
        barcode:
          next() < 0.1
            ? (false as const)
            : next() < 0.05
              ? `LBL-${variantId}`
              : ean13(String(400638100000 + variantId).slice(0, 12)),
        weight: next() < 0.1 ? 0 : weight,
        active: next() > 0.02,
        product_template_attribute_value_ids: options.map((_, i) => variantId * 3 + i),
        write_date: written,
        options,
      }
    })
    records.push({
      id,
      name,
      default_code: single ? code : false,
      description_sale: next() < 0.3 ? false : `${name} by Alpenglow Outfitters. Made to last, repairable.`,
      categ_id: next() < 0.05 ? false : [categ, CATEGORIES[categ - 2] ?? "All"],
      type: next() < 0.9 ? "consu" : "service",
      sale_ok: next() > 0.05,
      active: next() > 0.03,
      weight_uom_name: pick(UOMS),
      write_date: written,
      product_number: next() < 0.2 ? `PN-${id}` : false,
      variants,
      changed_at: written,
      // Read by a real integration, ignored by this mapping (prices and stock are other flows).
      list_price: Math.round(next() * 20000) / 100,
      standard_price: Math.round(next() * 8000) / 100,
      taxes_id: [1],
      currency_id: [1, "EUR"],
      uom_id: [1, "Units"],
      company_id: [1, "Alpenglow Outfitters GmbH"],
      create_date: "2026-01-02 10:00:00",
      is_published: next() < 0.7,
    })
  }
  return records
}

// --- the three implementations ---------------------------------------------------------------

const odooFast = compileMapping(odooProducts)
const shopifyFast = compileMapping(shopifyProducts)

/** Records per page, as the engine maps them (Odoo's default `search_read` page). */
const PAGE = 200

/** As the engine does: a page decoded at once, then its canonical records encoded at once. */
const eslMap = (records: ReadonlyArray<unknown>): Array<unknown> =>
  Effect.runSync(
    Effect.gen(function* () {
      const out: Array<unknown> = []
      for (let start = 0; start < records.length; start += PAGE) {
        const page = records.slice(start, start + PAGE)
        const key = (i: number) => String(start + i)
        const decoded = yield* odooFast.decodeMany(ctx, page, key)
        const canonical = decoded.map((result) => (Either.isRight(result) ? result.right : undefined))
        if (canonical.includes(undefined)) return yield* Effect.dieMessage("a generated record did not map")
        const encoded = yield* shopifyFast.encodeMany(ctx, canonical as Array<Product>, key)
        for (const result of encoded) out.push(Either.isRight(result) ? result.right : result.left)
      }
      return out
    }),
  )

const effectMap = (records: ReadonlyArray<unknown>): Array<unknown> =>
  Effect.runSync(
    Effect.forEach(records, (raw, i) =>
      decodeRecord(odooProducts, ctx, raw, String(i)).pipe(
        Effect.flatMap((p) => encodeRecord(shopifyProducts, ctx, p, String(i))),
      ),
    ),
  )

const text = (value: string | false | undefined): string | undefined => {
  if (value === false || value === undefined) return undefined
  const trimmed = value.trim()
  return trimmed === "" ? undefined : trimmed
}
const SHOPIFY_UNITS: Readonly<Record<string, string>> = {
  g: "GRAMS",
  kg: "KILOGRAMS",
  lb: "POUNDS",
  lbs: "POUNDS",
  oz: "OUNCES",
}
const handleOf = (productNumber: string) =>
  productNumber
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")

/** The same mapping by hand: no schemas, no validation beyond what the output needs. */
export const handWritten = (raw: OdooProduct) => {
  const productNumber = text(raw.product_number) ?? text(raw.default_code) ?? `odoo-tmpl-${raw.id}`
  const uom = text(raw.weight_uom_name)
  const unit = uom === undefined ? "KILOGRAMS" : SHOPIFY_UNITS[uom]
  const names = raw.variants[0]?.options.map((o) => o.attribute) ?? []
  const optionNames = names.length === 0 ? ["Title"] : names
  const optionsOf = (v: OdooProduct["variants"][number]) =>
    v.options.length === 0
      ? [{ optionName: "Title", name: "Default Title" }]
      : v.options.map((o) => ({ optionName: o.attribute, name: o.value }))
  return {
    handle: handleOf(productNumber),
    title: raw.name,
    descriptionHtml: text(raw.description_sale) ?? "",
    vendor: "",
    productType: raw.type,
    tags: [],
    status: !raw.active ? "ARCHIVED" : raw.sale_ok ? "ACTIVE" : "DRAFT",
    metafields: [{ namespace: "esl", key: "product_number", type: "single_line_text_field", value: productNumber }],
    productOptions: optionNames.map((name, i) => ({
      name,
      position: i + 1,
      values: [...new Set(raw.variants.map((v) => optionsOf(v)[i]?.name ?? ""))].map((value) => ({ name: value })),
    })),
    variants: raw.variants.map((v, i) => ({
      sku: text(v.default_code) ?? "",
      barcode: text(v.barcode) ?? null,
      position: i + 1,
      optionValues: optionsOf(v),
      inventoryItem: {
        tracked: true,
        measurement: { weight: v.weight > 0 && unit !== undefined ? { unit, value: v.weight } : null },
      },
    })),
  }
}

const JSONATA = `(
  $text := function($v) { ($type($v) = "string" and $trim($v) != "") ? $trim($v) };
  $pn := $text(product_number) ? $text(product_number) : ($text(default_code) ? $text(default_code) : "odoo-tmpl-" & $string(id));
  $uom := $text(weight_uom_name);
  $unit := $uom ? $lookup({"g": "GRAMS", "kg": "KILOGRAMS", "lb": "POUNDS", "lbs": "POUNDS", "oz": "OUNCES"}, $uom) : "KILOGRAMS";
  $optionsOf := function($v) {
    $count($v.options) = 0
      ? [{"optionName": "Title", "name": "Default Title"}]
      : [$v.options.{"optionName": attribute, "name": value}]
  };
  $vs := variants;
  $names := [$vs[0].options.attribute];
  {
    "handle": $replace($replace($lowercase($pn), /[^a-z0-9]+/, "-"), /^-+|-+$/, ""),
    "title": name,
    "descriptionHtml": $text(description_sale) ? $text(description_sale) : "",
    "vendor": "",
    "productType": type,
    "tags": [],
    "status": active ? (sale_ok ? "ACTIVE" : "DRAFT") : "ARCHIVED",
    "metafields": [{"namespace": "esl", "key": "product_number", "type": "single_line_text_field", "value": $pn}],
    "productOptions": [$map($count($names) = 0 ? ["Title"] : $names, function($n, $i) {
      {
        "name": $n,
        "position": $i + 1,
        "values": [$distinct([$vs.($optionsOf($)[$i].name)]).{"name": $}]
      }
    })],
    "variants": [$vs#$i.{
      "sku": $text(default_code),
      "barcode": $text(barcode) ? $text(barcode) : null,
      "position": $i + 1,
      "optionValues": $optionsOf($),
      "inventoryItem": {
        "tracked": true,
        "measurement": {"weight": (weight > 0 and $unit) ? {"unit": $unit, "value": weight} : null}
      }
    }]
  }
)`

// --- timing -----------------------------------------------------------------------------------

const median = (values: ReadonlyArray<number>) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? 0
}

interface Timing {
  readonly cpu: number
  readonly wall: number
}

/**
 * Records/s of one run, by the process's CPU time and by the wall clock. On a shared machine the
 * wall clock also counts other processes' time; CPU time is the fairer basis for the ratios.
 */
const measure = async (records: ReadonlyArray<unknown>, map: (records: ReadonlyArray<unknown>) => unknown) => {
  collectGarbage()
  const cpuStart = process.cpuUsage()
  const start = performance.now()
  await map(records)
  const wall = (performance.now() - start) / 1000
  const cpu = process.cpuUsage(cpuStart)
  return { cpu: records.length / ((cpu.user + cpu.system) / 1e6), wall: records.length / wall }
}

const medianOf = (timings: ReadonlyArray<Timing>): Timing => ({
  cpu: median(timings.map((t) => t.cpu)),
  wall: median(timings.map((t) => t.wall)),
})

/** Runs the benchmark: equivalence on a sample, warm-up, then the median records/s of `runs` runs. */
export async function benchMapping(options: {
  records: number
  jsonataRecords?: number
  runs?: number
}): Promise<MappingBenchResult> {
  const runs = options.runs ?? 5
  const records = odooProductRecords(options.records)
  const subset = records.slice(0, Math.min(records.length, options.jsonataRecords ?? 20_000))
  const expression = jsonata(JSONATA)
  const jsonataMap = async (batch: ReadonlyArray<unknown>) => {
    const out: Array<unknown> = []
    for (const raw of batch) out.push(await expression.evaluate(raw))
    return out
  }

  // The three must agree before any of them is timed.
  const sample = records.slice(0, 500)
  const viaEsl = eslMap(sample)
  const viaEffect = effectMap(sample)
  const viaHand = sample.map(handWritten)
  const viaJsonata = await jsonataMap(sample)
  sample.forEach((_, i) => {
    // JSONata builds its arrays with extra properties (`sequence`); compare the JSON.
    const plain = JSON.parse(JSON.stringify(viaJsonata[i]))
    if (JSON.stringify(viaEsl[i]) !== JSON.stringify(viaEffect[i]))
      throw new Error(`esl fast path ≠ Effect path at ${i}`)
    if (!isDeepStrictEqual(viaHand[i], viaEsl[i])) throw new Error(`hand-written ≠ esl at record ${i}`)
    if (!isDeepStrictEqual(plain, viaEsl[i])) throw new Error(`JSONata ≠ esl at record ${i}`)
  })

  // Warm-up: let V8 optimise each path before it is timed.
  const warm = records.slice(0, Math.min(records.length, 20_000))
  eslMap(warm)
  warm.map((r) => handWritten(r))
  effectMap(warm.slice(0, 5_000))
  await jsonataMap(warm.slice(0, 2_000))

  // Interleaved, so a burst of load from other processes hits every implementation alike.
  const timings = { esl: [] as Array<Timing>, hand: [] as Array<Timing>, jsonata: [] as Array<Timing> }
  const effectTimings: Array<Timing> = []
  for (let run = 0; run < runs; run++) {
    timings.esl.push(await measure(records, eslMap))
    timings.hand.push(await measure(records, (batch) => batch.map((r) => handWritten(r as OdooProduct))))
    if (run < 3) timings.jsonata.push(await measure(subset, jsonataMap))
    if (run < 3) effectTimings.push(await measure(subset, effectMap))
  }
  const esl = medianOf(timings.esl)
  const hand = medianOf(timings.hand)
  const jsonataTiming = medianOf(timings.jsonata)
  return {
    records: records.length,
    esl: esl.cpu,
    handWritten: hand.cpu,
    jsonata: jsonataTiming.cpu,
    effectPath: medianOf(effectTimings).cpu,
    wall: { esl: esl.wall, handWritten: hand.wall, jsonata: jsonataTiming.wall },
    eslVsHandWritten: esl.cpu / hand.cpu,
    eslVsJsonata: esl.cpu / jsonataTiming.cpu,
    targets: { handWritten: esl.cpu / hand.cpu >= 0.5, jsonata: esl.cpu / jsonataTiming.cpu >= 10 },
  }
}

const flag = (name: string): number | undefined => {
  const at = process.argv.indexOf(name)
  const value = at < 0 ? undefined : Number(process.argv[at + 1])
  return value === undefined || Number.isNaN(value) ? undefined : value
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const result = await benchMapping({
    records: flag("--records") ?? 200_000,
    ...(flag("--jsonata-records") === undefined ? {} : { jsonataRecords: flag("--jsonata-records") ?? 0 }),
    ...(flag("--runs") === undefined ? {} : { runs: flag("--runs") ?? 5 }),
  })
  const n = (perSecond: number) => Math.round(perSecond).toLocaleString("en").padStart(12)
  const row = (name: string, perSecond: number, wall: number | undefined, note: string) =>
    `${name.padEnd(24)}${n(perSecond)}${wall === undefined ? "".padStart(12) : n(wall)}  ${note}`
  console.log(`mapping: ${result.records.toLocaleString("en")} Odoo products → canonical → Shopify payload`)
  console.log(`${"".padEnd(24)}${"rec/CPU-s".padStart(12)}${"rec/wall-s".padStart(12)}`)
  console.log(row("esl (compiled)", result.esl, result.wall.esl, ""))
  console.log(row("hand-written TS", result.handWritten, result.wall.handWritten, ""))
  console.log(row("JSONata", result.jsonata, result.wall.jsonata, ""))
  console.log(row("esl (Effect path only)", result.effectPath, undefined, "reference: decodeRecord + encodeRecord"))
  const verdict = (ok: boolean) => (ok ? "pass" : "FAIL")
  console.log(
    `esl / hand-written = ${result.eslVsHandWritten.toFixed(2)} (target ≥ 0.5: ${verdict(result.targets.handWritten)})`,
  )
  console.log(
    `esl / JSONata      = ${result.eslVsJsonata.toFixed(1)} (target ≥ 10: ${verdict(result.targets.jsonata)})`,
  )
}
