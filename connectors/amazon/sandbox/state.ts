/** What the Amazon sandbox keeps: the seller's orders, FBA stock, listings, feeds and LWA tokens. */
import type { InventorySummary } from "../schemas/inventory.ts"
import type { AmazonOrder, AmazonOrderItem } from "../schemas/order.ts"

/** A listing: what searchListingsItems shows and listings feeds change. */
export interface SandboxListing {
  readonly sku: string
  readonly asin: string
  readonly productType: string
  readonly itemName: string
  /** Offer price, tax included, in the marketplace currency. */
  price: number
  currency: string
  /** `DEFAULT` (seller-fulfilled) quantity; undefined while the listing is FBA-only. */
  quantity: number | undefined
  readonly createdDate: string
  lastUpdatedDate: string
}

/** A feed document: uploaded input or a processing report. */
export interface SandboxFeedDocument {
  readonly id: string
  readonly contentType: string
  /** The presigned URL's signature; a request without it is refused like S3 refuses it. */
  readonly signature: string
  content: string | undefined
}

/** A feed and how far its processing has come. */
export interface SandboxFeed {
  readonly feedId: string
  readonly feedType: string
  readonly marketplaceIds: ReadonlyArray<string>
  readonly inputFeedDocumentId: string
  readonly createdTime: string
  processingStatus: "IN_QUEUE" | "IN_PROGRESS" | "DONE" | "FATAL" | "CANCELLED"
  processingStartTime?: string
  processingEndTime?: string
  resultFeedDocumentId?: string
}

/** The sandbox's state, inspectable by tests. */
export interface AmazonSandboxState {
  readonly sellerId: string
  readonly marketplaceId: string
  readonly orders: Map<string, { order: AmazonOrder; items: Array<AmazonOrderItem> }>
  readonly inventory: Map<string, InventorySummary>
  readonly listings: Map<string, SandboxListing>
  readonly documents: Map<string, SandboxFeedDocument>
  readonly feeds: Map<string, SandboxFeed>
  /** Issued access tokens and when they expire (epoch ms). */
  readonly accessTokens: Map<string, number>
  /** How many times the LWA endpoint issued a token. */
  tokenGrants: number
  /** Every SP-API operation called, in order (tests count per operation). */
  readonly calls: Array<string>
  /** Operations answered 429. */
  readonly throttled: Array<string>
}
