import { Data } from "effect"

/**
 * Where a failure happened. Every error carries as much of this as is known, so an operator
 * can find the record without reading a stack trace.
 */
export interface ErrorLocation {
  readonly system?: string
  readonly entity?: string
  readonly recordKey?: string
  /** JSON path inside the record, e.g. `$.variants[2].sku`. */
  readonly path?: string
}

const where = (l: ErrorLocation): string => {
  const parts = [
    l.system && `system ${l.system}`,
    l.entity && `entity ${l.entity}`,
    l.recordKey && `record ${l.recordKey}`,
    l.path && `at ${l.path}`,
  ].filter(Boolean)
  return parts.length > 0 ? ` (${parts.join(", ")})` : ""
}

/** The vendor could not be reached: DNS, refused connection, reset, timeout. Retryable. */
export class NetworkError extends Data.TaggedError("NetworkError")<{
  readonly system: string
  readonly method: string
  readonly url: string
  readonly reason: "timeout" | "connection" | "aborted"
  readonly detail: string
}> {
  override get message() {
    return `${this.method} ${this.url} failed (${this.reason}): ${this.detail}${where(this)}. Check that ${this.system} is reachable at its baseUrl.`
  }
}

/** The vendor refused our credentials (401/403). Not retryable: fix the credential. */
export class AuthError extends Data.TaggedError("AuthError")<{
  readonly system: string
  readonly status: number
  readonly detail: string
}> {
  override get message() {
    return `${this.system} rejected the credentials (HTTP ${this.status}): ${this.detail}. Check the token or key configured for ${this.system}.`
  }
}

/** The vendor throttled us and we gave up waiting (retries exhausted). */
export class RateLimited extends Data.TaggedError("RateLimited")<{
  readonly system: string
  readonly retryAfterMs: number
  readonly detail: string
}> {
  override get message() {
    return `${this.system} is rate limiting requests (retry after ${this.retryAfterMs} ms): ${this.detail}. Lower the flow's concurrency or raise the limit with the vendor.`
  }
}

/** An HTTP error answer that is neither auth nor throttling (4xx validation, 5xx after retries). */
export class HttpStatusError extends Data.TaggedError("HttpStatusError")<{
  readonly system: string
  readonly method: string
  readonly url: string
  readonly status: number
  /** The vendor's error body, already redacted. */
  readonly body: unknown
}> {
  override get message() {
    const body = typeof this.body === "string" ? this.body : JSON.stringify(this.body)
    return `${this.method} ${this.url} answered HTTP ${this.status}${where(this)}: ${body?.slice(0, 500)}`
  }
}

/** The vendor answered 2xx but the body is not what its API promises (or reports an error inside). */
export class VendorResponseError extends Data.TaggedError("VendorResponseError")<{
  readonly system: string
  readonly operation: string
  readonly detail: string
  readonly path?: string
}> {
  override get message() {
    return `${this.system} ${this.operation} returned an unexpected answer${this.path ? ` at ${this.path}` : ""}: ${this.detail}`
  }
}

/** The vendor rejected one record (validation, user errors). The record goes to the DLQ; the run goes on. */
export class RecordRejected extends Data.TaggedError("RecordRejected")<{
  readonly system: string
  readonly entity: string
  readonly recordKey: string
  readonly reason: string
  readonly path?: string
}> {
  override get message() {
    return `${this.system} rejected ${this.entity} ${this.recordKey}${this.path ? ` at ${this.path}` : ""}: ${this.reason}`
  }
}

/** A connector's configuration is invalid or incomplete. */
export class ConfigError extends Data.TaggedError("ConfigError")<{
  readonly path: string
  readonly detail: string
  readonly hint?: string
}> {
  override get message() {
    return `Invalid configuration at ${this.path}: ${this.detail}${this.hint ? `. ${this.hint}` : ""}`
  }
}

/** Anything a connector's transport can fail with. */
export type ConnectorError = NetworkError | AuthError | RateLimited | HttpStatusError | VendorResponseError

export const describeLocation = where
