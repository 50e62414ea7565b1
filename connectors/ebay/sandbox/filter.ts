/**
 * The `filter` of `getOrders`: comma-separated criteria `creationdate:[from..to]`,
 * `lastmodifieddate:[from..]`, `orderfulfillmentstatus:{A|B}`, checked with eBay's error ids
 * (30700 unknown name, 30800 bad value, 30810 bad date, 30820 no start, 30840 start after end).
 */
import { fulfillmentError, type SandboxError } from "./errors.ts"

export interface OrderFilter {
  readonly creation?: { readonly from: number; readonly to?: number }
  readonly lastModified?: { readonly from: number; readonly to?: number }
  readonly fulfillmentStatuses?: ReadonlyArray<string>
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/
const STATUS_SETS = ["NOT_STARTED|IN_PROGRESS", "FULFILLED|IN_PROGRESS"]

const range = (name: string, value: string): { from: number; to?: number } | SandboxError => {
  const match = /^\[([^\]]*)\.\.([^\]]*)\]$/.exec(value)
  if (match === null) return fulfillmentError(30800, `Invalid filter value ${value} for filter ${name}`)
  const [, start = "", end = ""] = match
  if (start === "") return fulfillmentError(30820, "Start date is missing")
  if (!ISO.test(start) || (end !== "" && !ISO.test(end))) return fulfillmentError(30810, "Invalid date format")
  const from = Date.parse(start)
  if (end === "") return { from }
  const to = Date.parse(end)
  if (from > to) return fulfillmentError(30840, "Start date should be before end date")
  return { from, to }
}

/** The parsed filter, or the error eBay answers with. */
export const parseOrderFilter = (raw: string): OrderFilter | SandboxError => {
  const filter: {
    creation?: { from: number; to?: number }
    lastModified?: { from: number; to?: number }
    fulfillmentStatuses?: ReadonlyArray<string>
  } = {}
  for (const criterion of raw.split(",")) {
    const colon = criterion.indexOf(":")
    const name = colon < 0 ? criterion : criterion.slice(0, colon)
    const value = colon < 0 ? "" : criterion.slice(colon + 1)
    if (name === "creationdate" || name === "lastmodifieddate") {
      const parsed = range(name, value)
      if ("errorId" in parsed) return parsed
      if (name === "creationdate") filter.creation = parsed
      else filter.lastModified = parsed
    } else if (name === "orderfulfillmentstatus") {
      const match = /^\{(.*)\}$/.exec(value)
      if (match?.[1] === undefined || !STATUS_SETS.includes(match[1])) {
        return fulfillmentError(30800, `Invalid filter value ${value} for filter ${name}`)
      }
      filter.fulfillmentStatuses = match[1].split("|")
    } else {
      return fulfillmentError(30700, `Invalid filter name: ${name}`)
    }
  }
  return filter
}

const within = (at: string, r: { from: number; to?: number } | undefined): boolean => {
  if (r === undefined) return true
  const t = Date.parse(at)
  return t >= r.from && (r.to === undefined || t <= r.to)
}

/** Whether an order passes the filter; `creationdate` wins over `lastmodifieddate` when both are given. */
export const matchesFilter = (
  order: { readonly creationDate: string; readonly lastModifiedDate: string; readonly orderFulfillmentStatus: string },
  filter: OrderFilter,
): boolean =>
  (filter.creation !== undefined
    ? within(order.creationDate, filter.creation)
    : within(order.lastModifiedDate, filter.lastModified)) &&
  (filter.fulfillmentStatuses === undefined || filter.fulfillmentStatuses.includes(order.orderFulfillmentStatus))
