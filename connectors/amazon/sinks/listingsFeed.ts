/**
 * One JSON_LISTINGS_FEED round trip for a batch of listing patches: createFeedDocument, upload
 * the document to its presigned URL, createFeed, poll getFeed until it is done, download the
 * processing report, and answer one outcome per record from the report's issues by messageId.
 * https://developer-docs.amazon.com/sp-api/docs/feeds-api-v2021-06-30-use-case-guide
 */
import { gunzipSync } from "node:zlib"
import { Effect } from "effect"
import {
  type ConnectorError,
  RecordRejected,
  VendorResponseError,
  type WriteItem,
  type WriteOutcome,
} from "../../../core/connector/index.ts"
import { type AmazonContext, callAs, decodeAnswer, documentClient } from "../client.ts"
import {
  CreateFeedDocumentResponse,
  CreateFeedResponse,
  Feed,
  FeedDocument,
  type ListingPatchPayload,
  type ListingsFeedDocument,
  type ProcessingIssue,
  ProcessingReport,
} from "../schemas/feeds.ts"

export type { ListingPatchPayload } from "../schemas/feeds.ts"

const CONTENT_TYPE = "application/json; charset=UTF-8"
const FEEDS = "feeds/2021-06-30"

/** The feed document for a batch: message ids are the items' positions, from 1. */
export const feedDocumentOf = (
  ctx: AmazonContext,
  items: ReadonlyArray<WriteItem<ListingPatchPayload>>,
): ListingsFeedDocument => ({
  header: { sellerId: ctx.config.sellerId, version: "2.0", issueLocale: "en_US" },
  messages: items.map((item, index) => ({
    messageId: index + 1,
    sku: item.payload.sku,
    operationType: "PATCH",
    productType: ctx.config.productType,
    patches: item.payload.patches,
  })),
})

const pollUntilDone = (ctx: AmazonContext, feedId: string): Effect.Effect<Feed, ConnectorError> =>
  Effect.gen(function* () {
    const { feedPollIntervalMs, feedTimeoutMs } = ctx.config
    for (let waited = 0; ; waited += feedPollIntervalMs) {
      // https://developer-docs.amazon.com/sp-api/docs/feeds-api-v2021-06-30-reference#getfeed
      const feed = yield* callAs(ctx, "getFeed", { method: "GET", path: `${FEEDS}/feeds/${feedId}` }, Feed)
      if (
        feed.processingStatus === "DONE" ||
        feed.processingStatus === "FATAL" ||
        feed.processingStatus === "CANCELLED"
      ) {
        return feed
      }
      if (waited >= feedTimeoutMs) {
        return yield* new VendorResponseError({
          system: ctx.system,
          operation: "getFeed",
          detail: `feed ${feedId} is still ${feed.processingStatus} after ${feedTimeoutMs} ms; its outcome is unknown, replay the batch later`,
        })
      }
      yield* Effect.sleep(feedPollIntervalMs)
    }
  })

const downloadReport = (ctx: AmazonContext, documentId: string) =>
  Effect.gen(function* () {
    // https://developer-docs.amazon.com/sp-api/docs/feeds-api-v2021-06-30-reference#getfeeddocument
    const document = yield* callAs(
      ctx,
      "getFeedDocument",
      { method: "GET", path: `${FEEDS}/documents/${documentId}` },
      FeedDocument,
    )
    const answer = yield* documentClient(ctx).request({
      method: "GET",
      path: document.url,
      responseType: "arraybuffer",
    })
    const bytes = Buffer.isBuffer(answer.body) ? answer.body : Buffer.from(String(answer.body ?? ""))
    const text = (document.compressionAlgorithm === "GZIP" ? gunzipSync(bytes) : bytes).toString("utf8")
    const parsed = yield* Effect.try({
      try: (): unknown => JSON.parse(text),
      catch: () =>
        new VendorResponseError({
          system: ctx.system,
          operation: "getFeedDocument",
          detail: "the processing report is not JSON",
        }),
    })
    return yield* decodeAnswer(ProcessingReport, ctx.system, "processing report")(parsed)
  })

const describeIssues = (issues: ReadonlyArray<ProcessingIssue>): string =>
  issues
    .map((issue) => {
      const where = issue.attributeName === undefined ? "" : ` [${issue.attributeName}]`
      return `${issue.message}${issue.code === undefined ? "" : ` (${issue.code})`}${where}`
    })
    .join("; ")

/** Sends one feed for the batch and answers one outcome per item. */
export const submitListingsFeed = (
  ctx: AmazonContext,
  entity: string,
  items: ReadonlyArray<WriteItem<ListingPatchPayload>>,
  externalIdOf: (sku: string) => string,
): Effect.Effect<ReadonlyArray<WriteOutcome>, ConnectorError> =>
  Effect.gen(function* () {
    if (items.length === 0) return []
    const document = feedDocumentOf(ctx, items)
    // https://developer-docs.amazon.com/sp-api/docs/feeds-api-v2021-06-30-reference#createfeeddocument
    const upload = yield* callAs(
      ctx,
      "createFeedDocument",
      { method: "POST", path: `${FEEDS}/documents`, body: { contentType: CONTENT_TYPE } },
      CreateFeedDocumentResponse,
    )
    yield* documentClient(ctx).request({
      method: "PUT",
      path: upload.url,
      body: JSON.stringify(document),
      headers: { "Content-Type": CONTENT_TYPE },
    })
    // https://developer-docs.amazon.com/sp-api/docs/feeds-api-v2021-06-30-reference#createfeed
    const { feedId } = yield* callAs(
      ctx,
      "createFeed",
      {
        method: "POST",
        path: `${FEEDS}/feeds`,
        body: {
          feedType: "JSON_LISTINGS_FEED",
          marketplaceIds: [ctx.config.marketplaceId],
          inputFeedDocumentId: upload.feedDocumentId,
        },
      },
      CreateFeedResponse,
    )
    const feed = yield* pollUntilDone(ctx, feedId)
    const report =
      feed.resultFeedDocumentId === undefined ? undefined : yield* downloadReport(ctx, feed.resultFeedDocumentId)
    const issues = report?.issues ?? []
    const feedErrors = issues.filter((i) => i.messageId === undefined && i.severity === "ERROR")
    const byMessage = new Map<number, Array<ProcessingIssue>>()
    for (const issue of issues) {
      if (issue.messageId === undefined || issue.severity !== "ERROR") continue
      byMessage.set(issue.messageId, [...(byMessage.get(issue.messageId) ?? []), issue])
    }
    const rejected = (item: WriteItem<ListingPatchPayload>, reason: string, attribute?: string): WriteOutcome => ({
      naturalKey: item.naturalKey,
      ok: false,
      error: new RecordRejected({
        system: ctx.system,
        entity,
        recordKey: item.naturalKey,
        reason,
        ...(attribute === undefined ? {} : { path: `$.attributes.${attribute}` }),
      }),
    })
    return items.map((item, index): WriteOutcome => {
      if (feed.processingStatus !== "DONE" || feedErrors.length > 0) {
        const why = feedErrors.length > 0 ? describeIssues(feedErrors) : "no processing report"
        return rejected(item, `feed ${feedId} ended ${feed.processingStatus}: ${why}`)
      }
      const own = byMessage.get(index + 1)
      if (own !== undefined) return rejected(item, describeIssues(own), own[0]?.attributeName)
      return { naturalKey: item.naturalKey, ok: true, externalId: externalIdOf(item.payload.sku), action: "updated" }
    })
  })
