/**
 * One SP-API operation as an msw handler on any origin: the access token is checked first, then
 * the operation's usage plan, then the operation answers.
 */
import { http } from "msw"
import type { AmazonOperation, UsagePlan } from "../usagePlans.ts"
import { refuseUnauthorized } from "./auth.ts"
import { invalidInput } from "./responses.ts"
import type { AmazonSandboxState } from "./state.ts"
import type { OperationBuckets } from "./usagePlans.ts"

/** What every operation's handler may use. */
export interface SandboxContext {
  readonly state: AmazonSandboxState
  readonly buckets: OperationBuckets
  readonly plans: Readonly<Record<AmazonOperation, UsagePlan>>
}

/** What an operation's answer gets. */
export interface OperationInput {
  readonly request: Request
  readonly url: URL
  readonly params: Readonly<Record<string, string | ReadonlyArray<string> | undefined>>
  /** This operation's rate, for the `x-amzn-RateLimit-Limit` header. */
  readonly rate: number
}

type Method = "get" | "post" | "put" | "patch" | "delete"

export const operation = (
  ctx: SandboxContext,
  name: AmazonOperation,
  method: Method,
  path: string,
  answer: (input: OperationInput) => Response | Promise<Response>,
) =>
  http[method](`*${path}`, async ({ request, params }) => {
    const refused = refuseUnauthorized(ctx.state, request)
    if (refused !== undefined) return refused
    const throttled = ctx.buckets.admit(name)
    if (throttled !== undefined) {
      ctx.state.throttled.push(name)
      return throttled
    }
    ctx.state.calls.push(name)
    return answer({ request, url: new URL(request.url), params, rate: ctx.plans[name].rate })
  })

/** A 400 for the first query parameter the operation does not define, else undefined. */
export const unknownParameter = (url: URL, allowed: ReadonlyArray<string>, rate: number): Response | undefined => {
  for (const name of url.searchParams.keys()) {
    if (!allowed.includes(name)) return invalidInput(`Invalid request parameter: ${name}`, "", rate)
  }
  return undefined
}

/** A comma-separated list parameter (`MarketplaceIds=A,B`), or undefined when absent. */
export const listParam = (url: URL, name: string): ReadonlyArray<string> | undefined => {
  const value = url.searchParams.get(name)
  return value === null ? undefined : value.split(",").filter((v) => v !== "")
}

/** True for an ISO 8601 date-time. */
export const isIsoDateTime = (value: string): boolean =>
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(value) && !Number.isNaN(Date.parse(value))

/** An opaque page token carrying the offset (SP-API tokens are opaque strings too). */
export const pageToken = (offset: number): string => Buffer.from(`esl-sandbox:${offset}`).toString("base64url")

/** The offset in a page token, or undefined when it is not one of ours. */
export const offsetOf = (token: string): number | undefined => {
  const match = /^esl-sandbox:(\d+)$/.exec(Buffer.from(token, "base64url").toString("utf8"))
  return match?.[1] === undefined ? undefined : Number(match[1])
}
