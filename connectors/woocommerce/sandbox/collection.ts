/**
 * What every WooCommerce collection does with its query: date filters, `include`, ordering and
 * `page`/`per_page` with the `X-WP-Total` and `X-WP-TotalPages` headers.
 */
import { HttpResponse } from "msw"
import { siteTime } from "./state.ts"

/** What the shared filters need of a record: its id and GMT timestamps. */
export interface Dated {
  readonly id: number
  readonly date_created_gmt: string
  readonly date_modified_gmt: string | null
}

const isTrue = (value: string | undefined) => value === "true" || value === "1"

/** A query date in ms: with a zone as given, else on the same clock as the dates it is compared with. */
const queryTime = (value: string): number =>
  /(Z|[+-]\d{2}:\d{2})$/.test(value) ? Date.parse(value) : Date.parse(`${value}Z`)

/**
 * `after`/`before` on the creation date and `modified_after`/`modified_before` on the
 * modification date, exclusive as in WP_Date_Query; compared in GMT only with `dates_are_gmt`.
 */
export const filterByDates = <R extends Dated>(records: ReadonlyArray<R>, query: Readonly<Record<string, string>>) => {
  const gmt = isTrue(query.dates_are_gmt)
  // Without dates_are_gmt WordPress compares with the local post dates.
  const stamp = (value: string) => Date.parse(`${gmt ? value : siteTime(value)}Z`)
  const bound = (value: string | undefined) => (value === undefined ? undefined : queryTime(value))
  const after = bound(query.after)
  const before = bound(query.before)
  const modifiedAfter = bound(query.modified_after)
  const modifiedBefore = bound(query.modified_before)
  return records.filter((r) => {
    const created = stamp(r.date_created_gmt)
    const modified = stamp(r.date_modified_gmt ?? r.date_created_gmt)
    return (
      (after === undefined || created > after) &&
      (before === undefined || created < before) &&
      (modifiedAfter === undefined || modified > modifiedAfter) &&
      (modifiedBefore === undefined || modified < modifiedBefore)
    )
  })
}

/** `include=1,2` and `exclude=3`. */
export const filterByIds = <R extends { readonly id: number }>(
  records: ReadonlyArray<R>,
  query: Readonly<Record<string, string>>,
) => {
  const ids = (value: string | undefined) =>
    value === undefined ? undefined : new Set(value.split(",").map((v) => Number(v.trim())))
  const include = ids(query.include)
  const exclude = ids(query.exclude)
  return records.filter(
    (r) => (include === undefined || include.has(r.id)) && (exclude === undefined || !exclude.has(r.id)),
  )
}

/** Sorts by `orderby` (ties broken by id, as the SQL the shop runs does in practice) and `order`. */
export const sortRecords = <R extends Dated>(
  records: ReadonlyArray<R>,
  orderby: string,
  order: string,
  keyOf: (record: R, orderby: string) => string | number,
) => {
  const direction = order === "asc" ? 1 : -1
  return [...records].sort((a, b) => {
    const x = keyOf(a, orderby)
    const y = keyOf(b, orderby)
    const byKey = x < y ? -1 : x > y ? 1 : 0
    return (byKey !== 0 ? byKey : a.id - b.id) * direction
  })
}

/** The requested page as JSON, with the total headers. */
export const pageResponse = <R>(
  records: ReadonlyArray<R>,
  query: Readonly<Record<string, string>>,
  view: (r: R) => unknown,
) => {
  const perPage = Number(query.per_page ?? 10)
  const page = Number(query.page ?? 1)
  const offset = query.offset === undefined ? (page - 1) * perPage : Number(query.offset)
  const total = records.length
  const totalPages = Math.ceil(total / perPage)
  return HttpResponse.json(records.slice(offset, offset + perPage).map(view), {
    headers: { "X-WP-Total": String(total), "X-WP-TotalPages": String(totalPages) },
  })
}
