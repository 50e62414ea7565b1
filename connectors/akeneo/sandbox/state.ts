/** The Akeneo sandbox's in-memory PIM: catalog, products, issued tokens and a request log. */
import {
  attributeOptions,
  attributes,
  categories,
  channels,
  familyVariants,
  mediaFiles,
  productModels,
  products,
  type SeedAttribute,
  type SeedCategory,
  type SeedMediaFile,
  type SeedModel,
  type SeedProduct,
  weightUnits,
} from "../fixtures/catalog.ts"

/** An API connection: client id/secret plus the connection user's login. */
export interface SandboxClient {
  readonly clientId: string
  readonly secret: string
  readonly username: string
  readonly password: string
}

export interface IssuedToken {
  readonly accessToken: string
  readonly refreshToken: string
  /** Epoch ms. */
  expiresAt: number
}

/** A request as the sandbox saw it, for tests to assert on. */
export interface LoggedRequest {
  readonly method: string
  readonly path: string
  readonly search: string
  readonly contentType: string | null
}

export interface AkeneoSandboxState {
  readonly clients: Array<SandboxClient>
  readonly attributes: Map<string, SeedAttribute>
  readonly attributeOptions: Map<string, Readonly<Record<string, Readonly<Record<string, string>>>>>
  readonly weightUnits: ReadonlyArray<string>
  readonly familyVariants: Map<string, (typeof familyVariants)[number]>
  readonly channels: Map<string, (typeof channels)[number]>
  readonly categories: Map<string, SeedCategory>
  readonly mediaFiles: Map<string, SeedMediaFile>
  readonly models: Map<string, SeedModel>
  readonly products: Map<string, SeedProduct>
  /** Access tokens by value; a refresh token is valid while its access token is in this map. */
  readonly tokens: Map<string, IssuedToken>
  /** Lifetime of issued access tokens, seconds (Akeneo: 3600). */
  tokenLifetimeSeconds: number
  /** The sandbox's clock (epoch ms); tests move it to expire tokens. */
  now: () => number
  readonly requests: Array<LoggedRequest>
  /** How many requests were answered 429. */
  throttled: number
  /** The `grant_type` of every token request, in order. */
  readonly grants: Array<string>
}

/** The connection `esl init`, the tests and the CLI sandbox use. */
export const SANDBOX_CLIENT: SandboxClient = {
  clientId: "1_esl-sandbox",
  secret: "sandbox-secret",
  username: "esl_connection_1234",
  password: "sandbox-password",
}

export const freshState = (seed: boolean, clients: ReadonlyArray<SandboxClient>): AkeneoSandboxState => ({
  clients: [...clients],
  attributes: new Map(attributes.map((a) => [a.code, a])),
  attributeOptions: new Map(Object.entries(attributeOptions)),
  weightUnits,
  familyVariants: new Map(familyVariants.map((f) => [`${f.family}/${f.code}`, f])),
  channels: new Map(channels.map((c) => [c.code, c])),
  categories: new Map(seed ? categories.map((c) => [c.code, c]) : []),
  mediaFiles: new Map(seed ? mediaFiles.map((m) => [m.code, m]) : []),
  models: new Map(seed ? productModels.map((m) => [m.code, m]) : []),
  products: new Map(seed ? products.map((p) => [p.identifier, p]) : []),
  tokens: new Map(),
  tokenLifetimeSeconds: 3600,
  now: Date.now,
  requests: [],
  grants: [],
  throttled: 0,
})

/** Akeneo's timestamp format: ISO 8601 with a `+00:00` offset, whole seconds. */
export const akeneoTimestamp = (epochMs: number): string =>
  new Date(Math.floor(epochMs / 1000) * 1000).toISOString().replace(".000Z", "+00:00")
