/**
 * Shopware ids are 32 lower-case hex digits that a client may choose itself. Deriving them from
 * natural keys (as Shopware's own `Uuid::fromStringToHex`, an MD5 of the string, does) makes
 * every upsert idempotent: a retried create writes the same record again instead of a twin.
 */
import { createHash } from "node:crypto"

/** What a derived id is for; part of the hashed string so two kinds never share an id. */
export type IdKind =
  | "product"
  | "productPrice"
  | "propertyGroup"
  | "propertyOption"
  | "category"
  | "visibility"
  | "media"
  | "productMedia"
  | "mediaFile"
  | "configurator"
  | "address"
  | "lineItem"
  | "delivery"
  | "transaction"
  | "order"
  | "customer"
  | "manufacturer"
  | "newsletterRecipient"

/** The id esl gives the Shopware record of `kind` with natural key `key`. */
export const shopwareId = (kind: IdKind, key: string): string =>
  createHash("md5").update(`esl:${kind}:${key}`, "utf8").digest("hex")

/** True for a Shopware id (32 lower-case hex digits). */
export const isShopwareId = (value: string): boolean => /^[0-9a-f]{32}$/.test(value)
