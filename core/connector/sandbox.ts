import type { RequestHandler } from "msw"

/**
 * An offline stand-in for a vendor: msw handlers on the vendor's own paths that behave like
 * it (paging, filters, rate limits, validation errors in the vendor's shape), over in-memory
 * state seeded with realistic data. Used by tests (msw `setupServer`) and by
 * `esl sandbox <connector> --port <n>` (a real HTTP server on 127.0.0.1).
 */
export interface Sandbox<State = unknown> {
  readonly connector: string
  /** Handlers matching any origin (`*\/path`), so the sandbox answers whatever baseUrl points at it. */
  readonly handlers: ReadonlyArray<RequestHandler>
  /** The vendor-side data, for tests to inspect or arrange. */
  readonly state: State
  /** Back to the seed data. */
  readonly reset: () => void
  /**
   * For a vendor that is not reached over HTTP (an SFTP server): serves the sandbox on its own
   * protocol on 127.0.0.1. `serveSandbox` uses it when present; such a sandbox has no handlers.
   */
  readonly serve?: (options: { readonly port?: number; readonly host?: string }) => Promise<ServedSandbox>
}

/** A sandbox listening on a port. */
export interface ServedSandbox {
  /** Where to point the connector: `http://127.0.0.1:<port>`, `sftp://127.0.0.1:<port>`. */
  readonly url: string
  readonly port: number
  readonly close: () => Promise<void>
}

/** Options every sandbox accepts. */
export interface SandboxOptions {
  /** Seed the default demo data set (default true). */
  readonly seed?: boolean
  /** Enforce the vendor's rate limits (default true; benchmarks and some tests turn it off). */
  readonly rateLimits?: boolean
}
