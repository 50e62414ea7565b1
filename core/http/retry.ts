/**
 * The retry decision: one pure function, so every connector retries the same way and the
 * rules can be read (and tested) as a table.
 */

/** When and how long to retry a failed request. */
export interface RetryPolicy {
  /** Attempts in total, the first one included. */
  readonly maxAttempts: number
  /** Backoff of the first retry in ms; doubles per attempt before jitter. */
  readonly baseDelayMs: number
  /** Cap of the computed backoff in ms (a server's Retry-After may ask for longer). */
  readonly maxDelayMs: number
  /** HTTP statuses worth another attempt. Any other status >= 400 is final. */
  readonly retryOnStatus: ReadonlyArray<number>
}

/** 5 attempts, 250 ms base, 30 s cap; timeouts, throttling and transient server errors. */
export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 250,
  maxDelayMs: 30_000,
  retryOnStatus: [408, 425, 429, 500, 502, 503, 504],
}

/**
 * The longest Retry-After we sit out. Beyond this the vendor is telling us to come back later
 * (a daily quota), and a worker blocked for hours helps nobody: fail and let the run reschedule.
 */
export const MAX_RETRY_AFTER_MS = 5 * 60_000

/** What `decideRetry` looks at. */
export interface RetryInput {
  /** The 1-based attempt that just failed. */
  readonly attempt: number
  /** The HTTP status of the failed answer, if there was an answer. */
  readonly status?: number
  /** True when no answer came back (refused, reset, timeout). */
  readonly networkError?: boolean
  /** The raw `Retry-After` header of the answer. */
  readonly retryAfterHeader?: string
  readonly policy: RetryPolicy
  /** Source of jitter in [0, 1); injectable for tests. Default `Math.random`. */
  readonly random?: () => number
  /** Now, for HTTP-date Retry-After values. Default `Date.now()`. */
  readonly nowMs?: number
}

/**
 * The verdict. `waitMs` is how long to wait before the next attempt; when `retry` is false it is
 * the server's Retry-After if it gave one (so a caller can report it), else 0.
 */
export interface RetryDecision {
  readonly retry: boolean
  readonly reason: string
  readonly waitMs: number
}

/**
 * Parses a `Retry-After` value, either delta-seconds (`"120"`) or an HTTP-date
 * (`"Wed, 21 Oct 2015 07:28:00 GMT"`), into ms from `nowMs`. A date in the past gives 0;
 * anything unparseable gives undefined.
 */
export const parseRetryAfter = (value: string, nowMs: number): number | undefined => {
  const trimmed = value.trim()
  if (trimmed === "") return undefined
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.ceil(Number(trimmed) * 1000)
  // A bare number that is not delta-seconds (negative, exponent) would parse as a year below.
  if (/^[-+]?[\d.e]+$/i.test(trimmed)) return undefined
  const at = Date.parse(trimmed)
  if (Number.isNaN(at)) return undefined
  return Math.max(0, at - nowMs)
}

const describe = (input: RetryInput): string =>
  input.status !== undefined ? `HTTP ${input.status}` : input.networkError ? "network error" : "no error"

/**
 * Decides whether a failed attempt is worth another one, and after how long.
 *
 * - Network errors and the policy's statuses (429, 5xx, 408, 425) are retried; any other 4xx is
 *   a verdict on the request itself (validation, not found) and is never retried.
 * - The wait is exponential backoff with full jitter, `random() * min(maxDelay, base * 2^(attempt-1))`,
 *   so a crowd of workers that failed together does not come back together.
 * - A `Retry-After` from the server wins: we wait at least that long, even beyond `maxDelayMs`,
 *   up to five minutes; past that we stop and say so.
 */
export const decideRetry = (input: RetryInput): RetryDecision => {
  const { attempt, status, policy } = input
  const what = describe(input)

  if (status !== undefined && status < 400) return { retry: false, reason: `${what} is not a failure`, waitMs: 0 }
  if (status === undefined && input.networkError !== true) {
    return { retry: false, reason: "nothing to retry: neither an HTTP status nor a network error", waitMs: 0 }
  }
  if (status !== undefined && !policy.retryOnStatus.includes(status)) {
    return { retry: false, reason: `${what} is not retryable: the request itself was refused`, waitMs: 0 }
  }

  const retryAfterMs =
    input.retryAfterHeader === undefined
      ? undefined
      : parseRetryAfter(input.retryAfterHeader, input.nowMs ?? Date.now())

  if (retryAfterMs !== undefined && retryAfterMs > MAX_RETRY_AFTER_MS) {
    return {
      retry: false,
      reason: `${what} with Retry-After ${Math.ceil(retryAfterMs / 1000)} s, longer than the ${MAX_RETRY_AFTER_MS / 1000} s we wait`,
      waitMs: retryAfterMs,
    }
  }
  if (attempt >= policy.maxAttempts) {
    return {
      retry: false,
      reason: `${what}, gave up after ${attempt} attempt${attempt === 1 ? "" : "s"}`,
      waitMs: retryAfterMs ?? 0,
    }
  }
  if (retryAfterMs !== undefined) {
    return {
      retry: true,
      reason: `${what}, attempt ${attempt} of ${policy.maxAttempts}, server asked to retry after ${retryAfterMs} ms`,
      waitMs: retryAfterMs,
    }
  }

  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1))
  const random = input.random ?? Math.random
  const waitMs = Math.floor(random() * ceiling)
  return { retry: true, reason: `${what}, attempt ${attempt} of ${policy.maxAttempts}, backing off`, waitMs }
}
