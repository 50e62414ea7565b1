/** The Shopware sandbox's in-memory shop: entity rows by id, issued tokens, and the calls it saw. */

/** A row as the DAL stores it, associations included. */
export type Row = Record<string, unknown>

export interface ShopwareSandboxState {
  /** Rows per entity name (`product`, `order`, `customer`, …), by id. */
  readonly entities: Map<string, Map<string, Row>>
  /** Issued access tokens and when they expire (epoch ms). */
  readonly tokens: Map<string, number>
  /** The integration's credentials the token endpoint accepts. */
  readonly credentials: { clientId: string; clientSecret: string }
  /** Every API call (method and path), for tests to assert on. */
  readonly calls: Array<{ readonly method: string; readonly path: string; readonly body?: unknown }>
  /** Makes every issued token expire now, as 600 s passing would. */
  readonly expireTokens: () => void
  /** Rows of one entity (created on first use). */
  readonly table: (entity: string) => Map<string, Row>
}

/** Shopware's timestamp format: `2026-11-30T08:31:42.123+00:00`. */
export const shopwareNow = (): string => new Date().toISOString().replace("Z", "+00:00")
