/** Turning an axios transport failure (no HTTP answer at all) into what `NetworkError` needs. */

/** A request that got no answer, classified. `detail` is raw: redact it before showing it. */
export interface NetworkFailure {
  readonly reason: "timeout" | "connection" | "aborted"
  /** The system/axios error code, e.g. `ECONNREFUSED`, `ETIMEDOUT`, `ERR_CANCELED`, when there is one. */
  readonly code: string | undefined
  readonly detail: string
  /**
   * True when the server certainly never saw the request (the connection was refused or the
   * host not found), so even a non-idempotent request is safe to send again.
   */
  readonly notDelivered: boolean
}

const NOT_DELIVERED = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN"])

const codeOf = (error: unknown): string | undefined => {
  if (typeof error !== "object" || error === null) return undefined
  if ("code" in error && typeof error.code === "string") return error.code
  if ("cause" in error) return codeOf(error.cause)
  return undefined
}

/** Classifies whatever axios rejected with. */
export const describeNetworkFailure = (error: unknown): NetworkFailure => {
  const code = codeOf(error)
  const message = error instanceof Error ? error.message : String(error)
  const detail = code === undefined || message.includes(code) ? message : `${code}: ${message}`
  const aborted = code === "ERR_CANCELED" || code === "ECONNABORTED"
  // `clarifyTimeoutError` makes axios report its own timeout as ETIMEDOUT, like the OS does.
  const reason = code === "ETIMEDOUT" || code === "ESOCKETTIMEDOUT" ? "timeout" : aborted ? "aborted" : "connection"
  return { reason, code, detail, notDelivered: code !== undefined && NOT_DELIVERED.has(code) }
}
