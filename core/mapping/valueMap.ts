import { ParseResult, Schema } from "effect"

/**
 * A two-way table between vendor codes and canonical values (order states, units, tax classes),
 * as a schema: decoding an unknown vendor code fails at its path and lists the known ones.
 *
 * @example
 * const ProductStatus = valueMap("Shopify product status", [["ACTIVE", "active"], ["DRAFT", "draft"], ["ARCHIVED", "archived"]])
 */
export const valueMap = <const Vendor extends string, const Canon extends string>(
  name: string,
  pairs: ReadonlyArray<readonly [Vendor, Canon]>,
  options: { readonly decodeFallback?: Canon; readonly encodeFallback?: Vendor } = {},
): Schema.Schema<Canon, Vendor> => {
  const toCanonical = new Map<string, Canon>()
  const toVendor = new Map<string, Vendor>()
  for (const [vendor, canon] of pairs) {
    if (!toCanonical.has(vendor)) toCanonical.set(vendor, canon)
    if (!toVendor.has(canon)) toVendor.set(canon, vendor)
  }
  const vendorValues = [...toCanonical.keys()]
  const canonValues = [...toVendor.keys()]
  const From = Schema.String as unknown as Schema.Schema<Vendor>
  const To = Schema.String as unknown as Schema.Schema<Canon>
  return Schema.transformOrFail(From, To, {
    strict: true,
    decode: (vendor, _, ast) => {
      const canon = toCanonical.get(vendor) ?? options.decodeFallback
      return canon !== undefined
        ? ParseResult.succeed(canon)
        : ParseResult.fail(
            new ParseResult.Type(ast, vendor, `unknown ${name} "${vendor}"; known: ${vendorValues.join(", ")}`),
          )
    },
    encode: (canon, _, ast) => {
      const vendor = toVendor.get(canon) ?? options.encodeFallback
      return vendor !== undefined
        ? ParseResult.succeed(vendor)
        : ParseResult.fail(
            new ParseResult.Type(ast, canon, `no ${name} for "${canon}"; mapped: ${canonValues.join(", ")}`),
          )
    },
  }).annotations({ identifier: name })
}

/** The plain functions of a value map, for code that is not inside a schema. */
export const decodeValue = <Canon extends string, Vendor extends string>(
  map: Schema.Schema<Canon, Vendor>,
  value: Vendor,
): Canon => Schema.decodeSync(map)(value)
export const encodeValue = <Canon extends string, Vendor extends string>(
  map: Schema.Schema<Canon, Vendor>,
  value: Canon,
): Vendor => Schema.encodeSync(map)(value)

/**
 * `encodeValue` for a value map, remembered per value: a mapping that encodes a status or a unit
 * per record or per variant interprets the schema once per distinct value, not once per call.
 */
export const valueEncoder = <Canon extends string, Vendor extends string>(
  map: Schema.Schema<Canon, Vendor>,
): ((value: Canon) => Vendor) => {
  const encode = Schema.encodeSync(map)
  const known = new Map<Canon, Vendor>()
  return (value) => {
    let vendor = known.get(value)
    if (vendor === undefined) {
      vendor = encode(value)
      known.set(value, vendor)
    }
    return vendor
  }
}
