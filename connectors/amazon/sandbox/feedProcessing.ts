/**
 * How the sandbox processes a JSON_LISTINGS_FEED: the document is checked against the listings
 * feed schema (v2) strictly, each message on its own, then its patches against the two
 * attributes it supports (`purchasable_offer`, `fulfillment_availability`); accepted messages
 * change the listings. The answer is a processing report in Amazon's v2 shape.
 */
import { Either, ParseResult, Schema } from "effect"
import {
  ListingsFeedHeader,
  ListingsPatchMessage,
  type ProcessingIssue,
  type ProcessingReport,
} from "../schemas/feeds.ts"
import { FulfillmentAvailability, PurchasableOffer } from "../schemas/listings.ts"
import type { AmazonSandboxState } from "./state.ts"

const strict = { onExcessProperty: "error" as const, errors: "all" as const }
const decodeHeader = Schema.decodeUnknownEither(ListingsFeedHeader, strict)
const decodeMessage = Schema.decodeUnknownEither(ListingsPatchMessage, strict)
const decodeOffers = Schema.decodeUnknownEither(Schema.Array(PurchasableOffer), strict)
const decodeAvailability = Schema.decodeUnknownEither(Schema.Array(FulfillmentAvailability), strict)

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v)

/** Schema errors as report messages: `'/path' message`, the way a JSON schema validator words them. */
const schemaMessages = (error: ParseResult.ParseError): ReadonlyArray<string> =>
  ParseResult.ArrayFormatter.formatErrorSync(error).map(
    (issue) => `'/${issue.path.map(String).join("/")}' ${issue.message.replaceAll("\n", " ")}`,
  )

const SUPPORTED = new Set(["purchasable_offer", "fulfillment_availability"])

/** Processes the uploaded document and answers the report; `valid` is false when the feed is FATAL. */
export const processListingsFeed = (
  state: AmazonSandboxState,
  feedId: string,
  marketplaceId: string,
  content: string,
): { readonly fatal: boolean; readonly report: ProcessingReport } => {
  const issues: Array<ProcessingIssue> = []
  const report = (
    fatal: boolean,
    processed: number,
    accepted: number,
  ): { fatal: boolean; report: ProcessingReport } => {
    const errors = issues.filter((i) => i.severity === "ERROR").length
    const warnings = issues.filter((i) => i.severity === "WARNING").length
    return {
      fatal,
      report: {
        header: { sellerId: state.sellerId, version: "2.0", feedId },
        issues,
        summary: {
          errors,
          warnings,
          messagesProcessed: processed,
          messagesAccepted: accepted,
          messagesInvalid: processed - accepted,
        },
      },
    }
  }
  let document: unknown
  try {
    document = JSON.parse(content)
  } catch {
    issues.push({ severity: "ERROR", message: "The feed document is not valid JSON." })
    return report(true, 0, 0)
  }
  if (!isRecord(document)) {
    issues.push({ severity: "ERROR", message: "'/' must be an object with header and messages." })
    return report(true, 0, 0)
  }
  const extra = Object.keys(document).filter((k) => k !== "header" && k !== "messages")
  for (const key of extra)
    issues.push({ severity: "ERROR", message: `'/${key}' is not a property of the listings feed.` })
  const header = decodeHeader(document.header)
  if (Either.isLeft(header)) {
    for (const m of schemaMessages(header.left)) issues.push({ severity: "ERROR", message: `header: ${m}` })
  } else if (header.right.sellerId !== state.sellerId) {
    issues.push({
      severity: "ERROR",
      message: `The sellerId ${header.right.sellerId} in the header is not the submitting seller.`,
    })
  }
  const messages = document.messages
  if (!Array.isArray(messages) || messages.length < 1 || messages.length > 25_000) {
    issues.push({ severity: "ERROR", message: "'/messages' must hold between 1 and 25000 messages." })
  }
  if (issues.length > 0 || !Array.isArray(messages)) return report(true, 0, 0)

  let accepted = 0
  const seen = new Set<number>()
  for (const raw of messages) {
    const messageId = isRecord(raw) && typeof raw.messageId === "number" ? raw.messageId : undefined
    const sku = isRecord(raw) && typeof raw.sku === "string" ? raw.sku : undefined
    const fail = (message: string, attributeName?: string) =>
      issues.push({
        ...(messageId === undefined ? {} : { messageId }),
        ...(sku === undefined ? {} : { sku }),
        severity: "ERROR",
        message,
        ...(attributeName === undefined ? {} : { attributeName }),
      })
    const decoded = decodeMessage(raw)
    if (Either.isLeft(decoded)) {
      for (const m of schemaMessages(decoded.left)) fail(m)
      continue
    }
    const message = decoded.right
    if (seen.has(message.messageId)) {
      fail(`The messageId ${message.messageId} is used by more than one message.`)
      continue
    }
    seen.add(message.messageId)
    const listing = state.listings.get(message.sku)
    if (listing === undefined) {
      fail(
        `The SKU '${message.sku}' has no listing in marketplace ${marketplaceId}; PATCH changes existing listings only.`,
      )
      continue
    }
    if (message.productType !== listing.productType && message.productType !== "PRODUCT") {
      fail(`The product type ${message.productType} does not match the listing's product type ${listing.productType}.`)
      continue
    }
    let price: number | undefined
    let quantity: number | undefined
    let valid = true
    for (const patch of message.patches) {
      const attribute = /^\/attributes\/([a-z_]+)$/.exec(patch.path)?.[1]
      if (attribute === undefined || !SUPPORTED.has(attribute)) {
        fail(`The patch path ${patch.path} is not supported by the sandbox.`, attribute)
        valid = false
        continue
      }
      if (patch.op === "delete") {
        fail(`'${attribute}' cannot be deleted from an offer.`, attribute)
        valid = false
        continue
      }
      if (attribute === "purchasable_offer") {
        const offers = decodeOffers(patch.value)
        if (Either.isLeft(offers)) {
          for (const m of schemaMessages(offers.left)) fail(`'${attribute}' ${m}`, attribute)
          valid = false
          continue
        }
        const offer = offers.right.find((o) => o.marketplace_id === marketplaceId)
        if (offer === undefined) {
          fail(`'${attribute}' has no offer for marketplace ${marketplaceId}.`, attribute)
          valid = false
          continue
        }
        if (offer.currency !== listing.currency) {
          fail(
            `The currency ${offer.currency} is not valid for marketplace ${marketplaceId}; use ${listing.currency}.`,
            attribute,
          )
          valid = false
          continue
        }
        const value = offer.our_price[0]?.schedule[0]?.value_with_tax ?? -1
        if (!(value > 0)) {
          fail(`The value provided for '${attribute}' our_price must be greater than 0.`, attribute)
          valid = false
          continue
        }
        price = value
      } else {
        const availability = decodeAvailability(patch.value)
        if (Either.isLeft(availability)) {
          for (const m of schemaMessages(availability.left)) fail(`'${attribute}' ${m}`, attribute)
          valid = false
          continue
        }
        const own = availability.right.find((a) => a.fulfillment_channel_code === "DEFAULT")
        if (own === undefined || availability.right.length !== 1) {
          fail(
            `'${attribute}' can set the DEFAULT (seller-fulfilled) channel only; Amazon counts FBA stock itself.`,
            attribute,
          )
          valid = false
          continue
        }
        quantity = own.quantity
      }
    }
    if (!valid) continue
    accepted += 1
    const now = new Date().toISOString().replace(/\.\d{3}Z$/, "Z")
    if (price !== undefined) listing.price = price
    if (quantity !== undefined) listing.quantity = quantity
    listing.lastUpdatedDate = now
  }
  return report(false, messages.length, accepted)
}
