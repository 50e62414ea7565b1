/**
 * `core/http`: the one HTTP layer every connector uses — auth, retries, rate limiting, paging,
 * GraphQL and redaction.
 */
export {
  type AuthContext,
  type AuthStrategy,
  apiKeyHeader,
  basicAuth,
  bearerToken,
  type ClientCredentialsIn,
  type ClientCredentialsOptions,
  oauth2ClientCredentials,
  oauth2Password,
  oauth2RefreshToken,
  type PasswordOptions,
  type RefreshTokenOptions,
} from "./auth.ts"
export {
  type HttpClient,
  type HttpClientOptions,
  type HttpRequest,
  type HttpResponse,
  makeHttpClient,
} from "./client.ts"
export { type GraphqlRequestOptions, type GraphqlResult, graphqlRequest } from "./graphql.ts"
export { type CapturedLogs, captureLogs } from "./logCapture.ts"
export {
  cursorPages,
  graphqlConnectionPages,
  linkHeaderPages,
  offsetPages,
  type Page,
  type PagingLabel,
  pageNumberPages,
  paginate,
  parseLinkHeader,
} from "./paginate.ts"
export { leakyBucket, type RateLimiter, tokenBucket, unlimited, windowLimit } from "./rateLimit.ts"
export { makeRedactor, REDACTED, type Redactor, SENSITIVE_NAME } from "./redact.ts"
export {
  decideRetry,
  defaultRetryPolicy,
  MAX_RETRY_AFTER_MS,
  parseRetryAfter,
  type RetryDecision,
  type RetryInput,
  type RetryPolicy,
} from "./retry.ts"
export type { QueryParams } from "./url.ts"
