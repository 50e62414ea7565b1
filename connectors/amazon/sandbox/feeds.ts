/**
 * Feeds API 2021-06-30 in the sandbox: createFeedDocument hands out a presigned upload URL on
 * the sandbox's own origin (standing in for S3), createFeed queues the feed, each getFeed moves
 * it one step (IN_QUEUE → IN_PROGRESS → DONE, processing it on the last), and getFeedDocument
 * hands out the processing report's URL.
 * https://developer-docs.amazon.com/sp-api/docs/feeds-api-v2021-06-30-reference
 */
import { Either, ParseResult, Schema } from "effect"
import { HttpResponse, http } from "msw"
import { processListingsFeed } from "./feedProcessing.ts"
import { amazonError, amazonJson, invalidInput } from "./responses.ts"
import { operation, type SandboxContext } from "./route.ts"
import type { SandboxFeed } from "./state.ts"

const S3_PATH = "/esl-sandbox-s3/feeds"
const FEED_TYPES = ["JSON_LISTINGS_FEED"]

const CreateFeedDocumentSpecification = Schema.Struct({ contentType: Schema.String })
const CreateFeedSpecification = Schema.Struct({
  feedType: Schema.String,
  marketplaceIds: Schema.Array(Schema.String).pipe(Schema.minItems(1), Schema.maxItems(25)),
  inputFeedDocumentId: Schema.String,
  feedOptions: Schema.optional(Schema.Record({ key: Schema.String, value: Schema.String })),
})
const strict = { onExcessProperty: "error" as const }

const bodyError = (error: ParseResult.ParseError): string => {
  const [first] = ParseResult.ArrayFormatter.formatErrorSync(error)
  const path = (first?.path ?? []).join(".")
  return `${path === "" ? "" : `${path}: `}${first?.message ?? "invalid body"}`
}

const isoNow = () => new Date().toISOString().replace(/\.\d{3}Z$/, "Z")

/** S3's refusal, in its XML shape. */
const s3Error = (status: number, code: string, message: string) =>
  new HttpResponse(
    `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`,
    {
      status,
      headers: { "Content-Type": "application/xml" },
    },
  )

export const feedsHandlers = (ctx: SandboxContext) => {
  const { state } = ctx
  let sequence = 50_000_000_000

  const presignedUrl = (origin: string, id: string, signature: string) =>
    `${origin}${S3_PATH}/${id}?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=${isoNow().replace(/[-:]/g, "")}&X-Amz-Expires=300&X-Amz-SignedHeaders=content-type%3Bhost&X-Amz-Signature=${signature}`

  const newDocument = (contentType: string, content: string | undefined) => {
    sequence += 1
    const id = `amzn1.tortuga.4.eu.${crypto.randomUUID()}.T${sequence}`
    const signature = crypto.randomUUID().replaceAll("-", "")
    state.documents.set(id, { id, contentType, signature, content })
    return state.documents.get(id)!
  }

  const advance = (feed: SandboxFeed) => {
    if (feed.processingStatus === "IN_QUEUE") {
      feed.processingStatus = "IN_PROGRESS"
      feed.processingStartTime = isoNow()
      return
    }
    if (feed.processingStatus !== "IN_PROGRESS") return
    const input = state.documents.get(feed.inputFeedDocumentId)
    const { fatal, report } = processListingsFeed(
      state,
      feed.feedId,
      feed.marketplaceIds[0] ?? "",
      input?.content ?? "",
    )
    const result = newDocument("application/json", JSON.stringify(report))
    feed.processingStatus = fatal ? "FATAL" : "DONE"
    feed.processingEndTime = isoNow()
    feed.resultFeedDocumentId = result.id
  }

  return [
    operation(ctx, "createFeedDocument", "post", "/feeds/2021-06-30/documents", async ({ request, url, rate }) => {
      const decoded = Schema.decodeUnknownEither(
        CreateFeedDocumentSpecification,
        strict,
      )(await request.json().catch(() => undefined))
      if (Either.isLeft(decoded)) return invalidInput(`Invalid request body: ${bodyError(decoded.left)}`, "", rate)
      const document = newDocument(decoded.right.contentType, undefined)
      return amazonJson(
        { feedDocumentId: document.id, url: presignedUrl(url.origin, document.id, document.signature) },
        201,
        rate,
      )
    }),

    operation(ctx, "createFeed", "post", "/feeds/2021-06-30/feeds", async ({ request, rate }) => {
      const decoded = Schema.decodeUnknownEither(
        CreateFeedSpecification,
        strict,
      )(await request.json().catch(() => undefined))
      if (Either.isLeft(decoded)) return invalidInput(`Invalid request body: ${bodyError(decoded.left)}`, "", rate)
      const spec = decoded.right
      if (!FEED_TYPES.includes(spec.feedType))
        return invalidInput(`The sandbox takes ${FEED_TYPES.join(", ")} feeds, not ${spec.feedType}`, "", rate)
      if (spec.marketplaceIds.some((m) => m !== state.marketplaceId)) {
        return invalidInput(`The seller does not sell in marketplace ${spec.marketplaceIds.join(",")}`, "", rate)
      }
      const input = state.documents.get(spec.inputFeedDocumentId)
      if (input === undefined || input.content === undefined) {
        return invalidInput(`The feed document ${spec.inputFeedDocumentId} does not exist or has no content`, "", rate)
      }
      sequence += 1
      const feedId = String(sequence)
      state.feeds.set(feedId, {
        feedId,
        feedType: spec.feedType,
        marketplaceIds: spec.marketplaceIds,
        inputFeedDocumentId: spec.inputFeedDocumentId,
        createdTime: isoNow(),
        processingStatus: "IN_QUEUE",
      })
      return amazonJson({ feedId }, 202, rate)
    }),

    operation(ctx, "getFeed", "get", "/feeds/2021-06-30/feeds/:feedId", ({ params, rate }) => {
      const feed = state.feeds.get(String(params.feedId ?? ""))
      if (feed === undefined)
        return amazonError(404, "NotFound", "The requested feed was not found", String(params.feedId), rate)
      const shown = { ...feed }
      advance(feed)
      return amazonJson(shown, 200, rate)
    }),

    operation(ctx, "getFeedDocument", "get", "/feeds/2021-06-30/documents/:feedDocumentId", ({ params, url, rate }) => {
      const document = state.documents.get(String(params.feedDocumentId ?? ""))
      if (document === undefined || document.content === undefined) {
        return amazonError(
          404,
          "NotFound",
          "The requested feed document was not found",
          String(params.feedDocumentId),
          rate,
        )
      }
      return amazonJson(
        { feedDocumentId: document.id, url: presignedUrl(url.origin, document.id, document.signature) },
        200,
        rate,
      )
    }),

    // The presigned S3 URLs: the signature in the query is the credential; an access token header is unsigned.
    http.put(`*${S3_PATH}/:id`, async ({ request, params }) => {
      const document = state.documents.get(String(params.id ?? ""))
      const signature = new URL(request.url).searchParams.get("X-Amz-Signature")
      if (document === undefined || signature !== document.signature) {
        return s3Error(
          403,
          "SignatureDoesNotMatch",
          "The request signature we calculated does not match the signature you provided.",
        )
      }
      if (request.headers.has("x-amz-access-token")) {
        return s3Error(403, "AccessDenied", "There were headers present in the request which were not signed")
      }
      if (request.headers.get("content-type") !== document.contentType) {
        return s3Error(
          403,
          "SignatureDoesNotMatch",
          "The request signature we calculated does not match the signature you provided.",
        )
      }
      document.content = await request.text()
      return new HttpResponse(null, { status: 200, headers: { ETag: `"${crypto.randomUUID().replaceAll("-", "")}"` } })
    }),
    http.get(`*${S3_PATH}/:id`, ({ request, params }) => {
      const document = state.documents.get(String(params.id ?? ""))
      const signature = new URL(request.url).searchParams.get("X-Amz-Signature")
      if (document === undefined || signature !== document.signature || document.content === undefined) {
        return s3Error(403, "AccessDenied", "Access Denied")
      }
      return new HttpResponse(document.content, { status: 200, headers: { "Content-Type": document.contentType } })
    }),
  ]
}
