/**
 * Akeneo's list pages (https://api.akeneo.com/documentation/pagination.html): `limit` 1–100
 * (default 10), `pagination_type=page` (default) with `page`, or `search_after` with the
 * cursor Akeneo puts in `_links.next.href`. Every page links `self` and `first`, and `next`
 * while more items follow.
 */
import { HttpResponse } from "msw"
import { akeneoError } from "./errors.ts"

export const MAX_LIMIT = 100

/** One page of `items` (already filtered and ordered by `keyOf`), or the 422 Akeneo answers for a bad limit. */
export const listPage = <A>(
  request: Request,
  items: ReadonlyArray<A>,
  keyOf: (item: A) => string,
  render: (item: A) => unknown,
  options: { readonly searchAfter: boolean },
): Response => {
  const url = new URL(request.url)
  const limitParam = url.searchParams.get("limit")
  const limit = limitParam === null ? 10 : Number(limitParam)
  if (!Number.isInteger(limit) || limit < 1) {
    return akeneoError(422, `"${limitParam}" is not a valid limit number.`)
  }
  if (limit > MAX_LIMIT) return akeneoError(422, `You cannot request more than ${MAX_LIMIT} items.`)
  const type = url.searchParams.get("pagination_type") ?? "page"
  if (type !== "page" && !(type === "search_after" && options.searchAfter)) {
    return akeneoError(422, `Pagination type does not exist.`)
  }
  const link = (params: Record<string, string | undefined>) => {
    const next = new URL(url)
    for (const [name, value] of Object.entries(params)) {
      if (value === undefined) next.searchParams.delete(name)
      else next.searchParams.set(name, value)
    }
    return { href: next.toString() }
  }

  if (type === "search_after") {
    const after = url.searchParams.get("search_after")
    const start = after === null ? 0 : items.findIndex((item) => keyOf(item) > after)
    const page = start < 0 ? [] : items.slice(start, start + limit)
    const more = start >= 0 && start + limit < items.length
    const last = page[page.length - 1]
    return HttpResponse.json({
      _links: {
        self: link({}),
        first: link({ search_after: undefined }),
        ...(more && last !== undefined ? { next: link({ search_after: keyOf(last) }) } : {}),
      },
      _embedded: { items: page.map(render) },
    })
  }

  const pageNumber = Number(url.searchParams.get("page") ?? "1")
  if (!Number.isInteger(pageNumber) || pageNumber < 1) {
    return akeneoError(422, `"${url.searchParams.get("page")}" is not a valid page number.`)
  }
  const start = (pageNumber - 1) * limit
  const page = items.slice(start, start + limit)
  const more = start + limit < items.length
  return HttpResponse.json({
    _links: {
      self: link({}),
      first: link({ page: "1" }),
      ...(pageNumber > 1 ? { previous: link({ page: String(pageNumber - 1) }) } : {}),
      ...(more ? { next: link({ page: String(pageNumber + 1) }) } : {}),
    },
    current_page: pageNumber,
    _embedded: { items: page.map(render) },
  })
}
