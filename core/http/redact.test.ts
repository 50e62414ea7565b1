import { describe, expect, it } from "vitest"
import { makeRedactor } from "./redact.ts"

describe("makeRedactor", () => {
  it("replaces every occurrence of a known secret in a string", () => {
    const redactor = makeRedactor(["s3cr3t-key"])
    expect(redactor.string("key s3cr3t-key and again s3cr3t-key")).toBe("key [REDACTED] and again [REDACTED]")
  })

  it("also replaces the URL-encoded form of a secret", () => {
    const redactor = makeRedactor(["p@ss word/1"])
    expect(redactor.string(`https://x.test/a?x=${encodeURIComponent("p@ss word/1")}`)).not.toContain("ss%20word")
    expect(redactor.string("body x=p%40ss+word%2F1")).toBe("body x=[REDACTED]")
  })

  it("ignores secrets shorter than 4 characters, which would redact ordinary text", () => {
    const redactor = makeRedactor(["", "ab"])
    expect(redactor.string("abc ab")).toBe("abc ab")
  })

  it("redacts credential-named query parameters it was never told about", () => {
    const redactor = makeRedactor([])
    expect(redactor.string("https://x.test/orders?page=2&api_key=abc123&access_token=tok&apiKey=k1&hmac=ff")).toBe(
      "https://x.test/orders?page=2&api_key=[REDACTED]&access_token=[REDACTED]&apiKey=[REDACTED]&hmac=[REDACTED]",
    )
    expect(redactor.string("grant_type=password&password=hunter22&username=bob")).toBe(
      "grant_type=password&password=[REDACTED]&username=bob",
    )
  })

  it("deep-walks values, redacting credential-named keys and known secrets", () => {
    const redactor = makeRedactor(["secret-value-1"])
    const value = {
      access_token: "at-123",
      refresh_token: "rt-456",
      client_secret: "cs",
      nested: [{ password: "pw", apiKey: "k", note: "contains secret-value-1" }],
      count: 3,
      empty: null,
    }
    expect(redactor.value(value)).toEqual({
      access_token: "[REDACTED]",
      refresh_token: "[REDACTED]",
      client_secret: "[REDACTED]",
      nested: [{ password: "[REDACTED]", apiKey: "[REDACTED]", note: "contains [REDACTED]" }],
      count: 3,
      empty: null,
    })
    // the input is left alone
    expect(value.access_token).toBe("at-123")
  })

  it("survives cycles", () => {
    const a: Record<string, unknown> = { name: "a" }
    a.self = a
    expect(makeRedactor([]).value(a)).toEqual({ name: "a", self: "[Circular]" })
  })

  it("always redacts credential headers and stringifies the rest", () => {
    const redactor = makeRedactor(["k-123456"])
    expect(
      redactor.headers({
        Authorization: "Bearer whatever",
        "X-Shopify-Access-Token": "shpat_1",
        "X-Api-Key": "k",
        Cookie: "sid=1",
        "X-Hub-Signature": "sha256=1",
        "Content-Length": 12,
        "X-Echo": "k-123456",
        "Set-Cookie": ["a=1", "b=2"],
      }),
    ).toEqual({
      Authorization: "[REDACTED]",
      "X-Shopify-Access-Token": "[REDACTED]",
      "X-Api-Key": "[REDACTED]",
      Cookie: "[REDACTED]",
      "X-Hub-Signature": "[REDACTED]",
      "Content-Length": "12",
      "X-Echo": "[REDACTED]",
      "Set-Cookie": "[REDACTED]",
    })
  })

  it("learns secrets added at run time", () => {
    const redactor = makeRedactor([])
    expect(redactor.string("Bearer eyJ-runtime-token")).toBe("Bearer eyJ-runtime-token")
    redactor.add("eyJ-runtime-token")
    expect(redactor.string("Bearer eyJ-runtime-token")).toBe("Bearer [REDACTED]")
  })

  it("replaces a longer secret whole when it contains a shorter one", () => {
    const redactor = makeRedactor(["abcd", "abcd-efgh-ijkl"])
    expect(redactor.string("x abcd-efgh-ijkl y")).toBe("x [REDACTED] y")
  })
})
