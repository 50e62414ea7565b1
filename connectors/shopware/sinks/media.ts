/**
 * Product images by URL: the product upsert creates the `media` rows (ids derived from the URL);
 * Shopware then downloads each new file itself (`POST /api/_action/media/{mediaId}/upload`
 * with `{ url }`, `extension` from the URL). Media that already have a file are not sent again.
 */
import { Effect, Schema } from "effect"
import type { ConnectorError } from "../../../core/connector/index.ts"
import { errorsOf, type ShopwareContext, type ShopwareError, search } from "../client.ts"

const MediaFile = Schema.Struct({ id: Schema.String, hasFile: Schema.optional(Schema.NullOr(Schema.Boolean)) })

/** `https://cdn.example/tee-black.JPG?v=2` → `jpg`; `jpg` when the URL has none. */
export const extensionOf = (url: string): string => {
  const path = url.split(/[?#]/)[0] ?? url
  const match = /\.([a-z0-9]{2,5})$/i.exec(path)
  return match?.[1]?.toLowerCase() ?? "jpg"
}

/** Uploads the files of media without one; the errors of failed uploads by record key. */
export const uploadNewMedia = (
  ctx: ShopwareContext,
  sources: ReadonlyArray<{ readonly key: string; readonly mediaId: string; readonly url: string }>,
): Effect.Effect<ReadonlyMap<string, ReadonlyArray<ShopwareError>>, ConnectorError> =>
  Effect.gen(function* () {
    const failed = new Map<string, ReadonlyArray<ShopwareError>>()
    if (sources.length === 0) return failed
    const ids = [...new Set(sources.map((s) => s.mediaId))]
    const existing = yield* search(
      ctx,
      "media",
      { ids, limit: ids.length, includes: { media: ["id", "hasFile"] } },
      MediaFile,
    )
    const withFile = new Set(existing.filter((m) => m.hasFile === true).map((m) => m.id))
    const done = new Set<string>()
    for (const source of sources) {
      if (withFile.has(source.mediaId) || done.has(source.mediaId)) continue
      done.add(source.mediaId)
      const answer = yield* ctx.http
        .request({
          method: "POST",
          path: `api/_action/media/${source.mediaId}/upload`,
          query: { extension: extensionOf(source.url), fileName: source.mediaId },
          body: { url: source.url },
          idempotent: true,
        })
        .pipe(
          Effect.as(undefined),
          Effect.catchTag("HttpStatusError", (error) => {
            const errors = error.status >= 400 && error.status < 500 ? errorsOf(error.body) : undefined
            return errors === undefined ? Effect.fail(error) : Effect.succeed(errors)
          }),
        )
      if (answer !== undefined) failed.set(source.key, answer)
    }
    return failed
  })
