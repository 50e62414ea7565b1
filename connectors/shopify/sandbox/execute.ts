/**
 * One Admin GraphQL request, answered as Shopify answers it: token check, parse, validation
 * against the real schema, cost limit, the shop's leaky bucket, execution, refund of the
 * unused cost, and `extensions.cost` on every answer.
 */
import { type DocumentNode, executeSync, GraphQLError, parse, validate } from "graphql"
import { MAX_QUERY_COST } from "../client.ts"
import { selectOperation } from "../queryCost.ts"
import { actualCost, type Bucket, costExtension, refill, requestedCost } from "./cost.ts"
import {
  executionError,
  invalidTokenBody,
  maxCostExceededError,
  missingQueryBody,
  throttledError,
  validationError,
  variableError,
} from "./errors.ts"
import { isRecord } from "./lookup.ts"
import { fieldResolver, type Resolver, type SandboxContext, typeResolver } from "./resolvers.ts"
import { adminSchema } from "./schema.ts"
import type { ShopifySandboxState } from "./state.ts"

export interface GraphqlRequest {
  /** The `X-Shopify-Access-Token` header, if any. */
  readonly accessToken: string | null
  /** Which shop (host) the request went to: each has its own bucket. */
  readonly shop: string
  /** The parsed JSON body, or undefined when it was not JSON. */
  readonly body: unknown
}

export interface GraphqlAnswer {
  readonly status: number
  readonly body: unknown
}

const parseQuery = (query: string): DocumentNode | GraphQLError => {
  try {
    return parse(query)
  } catch (error) {
    return error instanceof GraphQLError ? error : new GraphQLError(String(error))
  }
}

/** Answers one request against `state`; `buckets` holds each shop's leaky bucket between requests. */
export const answerGraphql = (
  state: ShopifySandboxState,
  buckets: Map<string, Bucket>,
  resolvers: Readonly<Record<string, Resolver>>,
  request: GraphqlRequest,
  now: Date = new Date(),
): GraphqlAnswer => {
  const token = request.accessToken?.trim() ?? ""
  if (token === "" || (state.accessTokens.length > 0 && !state.accessTokens.includes(token))) {
    return { status: 401, body: invalidTokenBody }
  }
  const body = request.body
  if (!isRecord(body) || typeof body.query !== "string" || body.query.trim() === "") {
    return { status: 400, body: missingQueryBody }
  }
  const document = parseQuery(body.query)
  if (document instanceof GraphQLError) {
    return {
      status: 200,
      body: {
        errors: [
          {
            message: document.message,
            ...(document.locations === undefined ? {} : { locations: document.locations }),
            extensions: { code: "parseError" },
          },
        ],
      },
    }
  }
  const schema = adminSchema()
  const invalid = validate(schema, document)
  if (invalid.length > 0) return { status: 200, body: { errors: invalid.map((e) => validationError(e, document)) } }

  const operationName = typeof body.operationName === "string" ? body.operationName : undefined
  if (selectOperation(document, operationName) === undefined) {
    return {
      status: 200,
      body: { errors: [{ message: "An operation name is required", extensions: { code: "operationNotFound" } }] },
    }
  }
  const variables = isRecord(body.variables) ? body.variables : {}
  const requested = requestedCost(schema, document, variables, operationName)
  const { throttle } = state
  const bucket = buckets.get(request.shop) ?? { available: throttle.maximumAvailable, updatedAt: now.getTime() }
  buckets.set(request.shop, bucket)
  refill(bucket, throttle, now.getTime())

  if (requested > MAX_QUERY_COST) {
    return {
      status: 200,
      body: {
        errors: [maxCostExceededError(requested, MAX_QUERY_COST)],
        extensions: costExtension(requested, null, throttle, bucket.available),
      },
    }
  }
  if (throttle.enabled && requested > bucket.available) {
    return {
      status: 200,
      body: { errors: [throttledError], extensions: costExtension(requested, null, throttle, bucket.available) },
    }
  }
  if (throttle.enabled) bucket.available -= requested

  const context: SandboxContext = { state, now }
  const result = executeSync({
    schema,
    document,
    variableValues: variables,
    operationName,
    contextValue: context,
    fieldResolver: fieldResolver(resolvers),
    typeResolver,
  })
  // Variables that do not fit their types fail before anything runs, and cost nothing.
  if (result.data === undefined || result.data === null) {
    if (throttle.enabled) bucket.available += requested
    return {
      status: 200,
      body: {
        errors: (result.errors ?? []).map(variableError),
        extensions: costExtension(requested, null, throttle, bucket.available),
      },
    }
  }
  const actual = actualCost(schema, document, operationName, result.data, requested)
  if (throttle.enabled) bucket.available = Math.min(throttle.maximumAvailable, bucket.available + requested - actual)
  return {
    status: 200,
    body: {
      ...(result.errors === undefined ? {} : { errors: result.errors.map(executionError) }),
      data: result.data,
      extensions: costExtension(requested, actual, throttle, bucket.available),
    },
  }
}
