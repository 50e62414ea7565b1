/**
 * Feeds API 2021-06-30 (feeds_2021-06-30.json) and the JSON listings feed documents
 * (listings-feed-schema-v2.json, listings-feed-processing-report-schema-v2.json). The feed
 * schemas are strict, as Amazon validates them: an unknown field or a missing required one
 * makes the message invalid.
 */
import { Schema } from "effect"

/** `CreateFeedDocumentResponse`. */
export const CreateFeedDocumentResponse = Schema.Struct({ feedDocumentId: Schema.String, url: Schema.String })

/** `CreateFeedResponse`. */
export const CreateFeedResponse = Schema.Struct({ feedId: Schema.String })

/** `Feed`. */
export const Feed = Schema.Struct({
  feedId: Schema.String,
  feedType: Schema.String,
  marketplaceIds: Schema.optional(Schema.Array(Schema.String)),
  createdTime: Schema.String,
  processingStatus: Schema.Literal("CANCELLED", "DONE", "FATAL", "IN_PROGRESS", "IN_QUEUE"),
  processingStartTime: Schema.optional(Schema.String),
  processingEndTime: Schema.optional(Schema.String),
  resultFeedDocumentId: Schema.optional(Schema.String),
})
export type Feed = typeof Feed.Type

/** `FeedDocument`. */
export const FeedDocument = Schema.Struct({
  feedDocumentId: Schema.String,
  url: Schema.String,
  compressionAlgorithm: Schema.optional(Schema.Literal("GZIP")),
})

/** One JSON Patch operation of a listings feed message. */
export const ListingsPatch = Schema.Struct({
  op: Schema.Literal("add", "replace", "merge", "delete"),
  path: Schema.String,
  value: Schema.optional(Schema.Array(Schema.Record({ key: Schema.String, value: Schema.Unknown }))),
})
export type ListingsPatch = typeof ListingsPatch.Type

/** A `PATCH` message, the only operation this connector sends. */
export const ListingsPatchMessage = Schema.Struct({
  messageId: Schema.Int.pipe(Schema.between(1, 2_147_483_647)),
  sku: Schema.String.pipe(Schema.minLength(1)),
  operationType: Schema.Literal("PATCH"),
  productType: Schema.String.pipe(Schema.minLength(1)),
  patches: Schema.Array(ListingsPatch).pipe(Schema.minItems(1)),
})
export type ListingsPatchMessage = typeof ListingsPatchMessage.Type

/** The feed header. */
export const ListingsFeedHeader = Schema.Struct({
  sellerId: Schema.String,
  version: Schema.Literal("2.0"),
  issueLocale: Schema.optional(Schema.String),
})

/** A JSON_LISTINGS_FEED document: header and up to 25,000 messages. */
export const ListingsFeedDocument = Schema.Struct({
  header: ListingsFeedHeader,
  messages: Schema.Array(ListingsPatchMessage).pipe(Schema.minItems(1), Schema.maxItems(25_000)),
})
export type ListingsFeedDocument = typeof ListingsFeedDocument.Type

/** The most messages one JSON_LISTINGS_FEED carries (`messages.maxItems`). */
export const MAX_FEED_MESSAGES = 25_000

/** An issue of the processing report; `messageId` is absent for feed-level issues. */
export const ProcessingIssue = Schema.Struct({
  messageId: Schema.optional(Schema.Int),
  sku: Schema.optional(Schema.String),
  code: Schema.optional(Schema.String),
  severity: Schema.Literal("ERROR", "WARNING", "INFO"),
  message: Schema.String,
  attributeName: Schema.optional(Schema.String),
})
export type ProcessingIssue = typeof ProcessingIssue.Type

/** The processing report of a JSON_LISTINGS_FEED. */
export const ProcessingReport = Schema.Struct({
  header: Schema.Struct({ sellerId: Schema.String, version: Schema.Literal("2.0"), feedId: Schema.String }),
  issues: Schema.Array(ProcessingIssue),
  summary: Schema.Struct({
    errors: Schema.Int,
    warnings: Schema.Int,
    messagesProcessed: Schema.Int,
    messagesAccepted: Schema.Int,
    messagesInvalid: Schema.Int,
  }),
})
export type ProcessingReport = typeof ProcessingReport.Type

/** What the listings sinks write for one record: the SKU and the JSON Patch operations on its listing. */
export const ListingPatchPayload = Schema.Struct({
  sku: Schema.String,
  patches: Schema.Array(ListingsPatch),
})
export type ListingPatchPayload = typeof ListingPatchPayload.Type
