import { describe, expect, it } from "vitest"
import { decideRetry, defaultRetryPolicy, parseRetryAfter, type RetryPolicy } from "./retry.ts"

const policy: RetryPolicy = defaultRetryPolicy
const NOW = Date.parse("2025-03-01T12:00:00Z")
const half = () => 0.5

describe("decideRetry", () => {
  it.each([
    {
      case: "429 with Retry-After seconds waits that long",
      status: 429,
      retryAfterHeader: "2",
      retry: true,
      waitMs: 2000,
    },
    {
      case: "429 with an HTTP-date Retry-After waits until then",
      status: 429,
      retryAfterHeader: new Date(NOW + 10_000).toUTCString(),
      retry: true,
      waitMs: 10_000,
    },
    {
      case: "a Retry-After above maxDelayMs is still honoured",
      status: 429,
      retryAfterHeader: "120",
      retry: true,
      waitMs: 120_000,
    },
    {
      case: "a Retry-After beyond five minutes is not waited for",
      status: 429,
      retryAfterHeader: "600",
      retry: false,
      waitMs: 600_000,
    },
    { case: "429 without Retry-After backs off", status: 429, retry: true, waitMs: 125 },
    { case: "503 backs off", status: 503, retry: true, waitMs: 125 },
    { case: "503 with Retry-After 0 retries at once", status: 503, retryAfterHeader: "0", retry: true, waitMs: 0 },
    { case: "500 backs off", status: 500, retry: true, waitMs: 125 },
    { case: "408 backs off", status: 408, retry: true, waitMs: 125 },
    {
      case: "an unparseable Retry-After falls back to backoff",
      status: 503,
      retryAfterHeader: "soon",
      retry: true,
      waitMs: 125,
    },
    { case: "400 is never retried", status: 400, retry: false, waitMs: 0 },
    { case: "404 is never retried", status: 404, retry: false, waitMs: 0 },
    {
      case: "422 is never retried, even with Retry-After",
      status: 422,
      retryAfterHeader: "1",
      retry: false,
      waitMs: 0,
    },
    { case: "401 is not retried here (auth refresh is the client's job)", status: 401, retry: false, waitMs: 0 },
    { case: "a network error backs off", networkError: true, retry: true, waitMs: 125 },
  ])("$case", ({ status, networkError, retryAfterHeader, retry, waitMs }) => {
    const decision = decideRetry({
      attempt: 1,
      policy,
      random: half,
      nowMs: NOW,
      ...(status === undefined ? {} : { status }),
      ...(networkError === undefined ? {} : { networkError }),
      ...(retryAfterHeader === undefined ? {} : { retryAfterHeader }),
    })
    expect(decision).toMatchObject({ retry, waitMs })
    expect(decision.reason).not.toBe("")
  })

  it("gives up on a 500 once maxAttempts is reached, and says so", () => {
    const decision = decideRetry({ attempt: 5, status: 500, policy, random: half })
    expect(decision.retry).toBe(false)
    expect(decision.reason).toContain("gave up after 5 attempts")
  })

  it("reports the server's Retry-After when it gives up on a 429", () => {
    const decision = decideRetry({ attempt: 5, status: 429, retryAfterHeader: "7", policy, nowMs: NOW })
    expect(decision).toMatchObject({ retry: false, waitMs: 7000 })
  })

  it("explains why it does not wait for a Retry-After beyond five minutes", () => {
    const decision = decideRetry({ attempt: 1, status: 429, retryAfterHeader: "3600", policy, nowMs: NOW })
    expect(decision.reason).toMatch(/longer than the 300 s/)
  })

  it("retries nothing when there was neither a status nor a network error", () => {
    expect(decideRetry({ attempt: 1, policy }).retry).toBe(false)
  })

  it("keeps full jitter within [0, min(maxDelay, base * 2^(attempt-1)))", () => {
    const at = (attempt: number, r: number) =>
      decideRetry({ attempt, status: 503, policy: { ...policy, maxAttempts: 100 }, random: () => r }).waitMs
    expect(at(1, 0)).toBe(0)
    expect(at(1, 0.999)).toBe(249)
    expect(at(3, 0.5)).toBe(500)
    expect(at(4, 0.999)).toBeLessThan(2000)
    // 250 * 2^19 is far beyond the cap
    expect(at(20, 0.999)).toBe(29_970)
    for (let attempt = 1; attempt < 30; attempt++) {
      const waitMs = at(attempt, Math.random())
      expect(waitMs).toBeGreaterThanOrEqual(0)
      expect(waitMs).toBeLessThan(Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1)))
    }
  })

  it("follows a custom policy's statuses", () => {
    const custom = { ...policy, retryOnStatus: [409] }
    expect(decideRetry({ attempt: 1, status: 409, policy: custom, random: half }).retry).toBe(true)
    expect(decideRetry({ attempt: 1, status: 503, policy: custom, random: half }).retry).toBe(false)
  })
})

describe("parseRetryAfter", () => {
  it.each([
    { value: "0", expected: 0 },
    { value: "3", expected: 3000 },
    { value: " 1.5 ", expected: 1500 },
    { value: new Date(NOW + 30_000).toUTCString(), expected: 30_000 },
    { value: new Date(NOW - 30_000).toUTCString(), expected: 0 },
    { value: "-1", expected: undefined },
    { value: "1e3", expected: undefined },
    { value: "", expected: undefined },
    { value: "later", expected: undefined },
  ])("parses $value as $expected ms", ({ value, expected }) => {
    expect(parseRetryAfter(value, NOW)).toBe(expected)
  })
})
