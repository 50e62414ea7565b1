/**
 * One Admin API request, answered as Vendure 3.7.3 answers it (observed on the real server):
 * parse and validation errors (an unknown field, an unused variable) are HTTP 400 with
 * `GRAPHQL_VALIDATION_FAILED`; a variable of the wrong type is HTTP 200 with `BAD_USER_INPUT`
 * and no data; anything but `login` without a live session is HTTP 200 with `FORBIDDEN`;
 * resolver errors keep their `extensions.code` (USER_INPUT_ERROR, ENTITY_NOT_FOUND) and path.
 */
import {
  type DocumentNode,
  executeSync,
  type GraphQLError,
  type GraphQLFieldResolver,
  GraphQLError as GraphqlErrorClass,
  parse,
  validate,
} from "graphql"
import { catalogResolvers } from "./catalog.ts"
import { isRecord, type Resolver, type SandboxContext } from "./context.ts"
import { orderResolvers } from "./orders.ts"
import { adminSchema } from "./schema.ts"
import type { VendureSandboxState } from "./state.ts"

export interface AdminRequest {
  /** The `Authorization` header, if any. */
  readonly authorization: string | null
  /** The parsed JSON body, or undefined when it was not JSON. */
  readonly body: unknown
}

export interface AdminAnswer {
  readonly status: number
  readonly body: unknown
  /** A new session token for the `vendure-auth-token` header. */
  readonly token?: string
}

const login: Resolver = (_source, args, ctx) => {
  const admin = ctx.state.admins.find((a) => a.username === args.username && a.password === args.password)
  if (admin === undefined) {
    return {
      __typename: "InvalidCredentialsError",
      errorCode: "INVALID_CREDENTIALS_ERROR",
      message: "The provided credentials are invalid",
      authenticationError: "",
    }
  }
  const token = crypto.randomUUID().replace(/-/g, "")
  ctx.state.sessions.push(token)
  ctx.issuedToken = token
  return { __typename: "CurrentUser", id: "1", identifier: admin.username, channels: [] }
}

const resolvers: Readonly<Record<string, Resolver>> = {
  ...catalogResolvers,
  ...orderResolvers,
  "Mutation.login": login,
  "Query.activeChannel": (_s, _a, ctx) => ctx.state.channel,
}

const forbidden = () =>
  new GraphqlErrorClass("You are not currently authorized to perform this action", {
    extensions: { code: "FORBIDDEN" },
  })

const fieldResolver =
  (authorized: boolean): GraphQLFieldResolver<unknown, SandboxContext> =>
  (source, args, ctx, info) => {
    const root = info.parentType.name === "Query" || info.parentType.name === "Mutation"
    if (root && !authorized && info.fieldName !== "login" && !info.fieldName.startsWith("__")) throw forbidden()
    const resolve = resolvers[`${info.parentType.name}.${info.fieldName}`]
    if (resolve !== undefined) return resolve(source, args, ctx, info)
    return isRecord(source) ? source[info.fieldName] : null
  }

const formatError = (error: GraphQLError) => ({
  message: error.message,
  ...(error.locations === undefined ? {} : { locations: error.locations }),
  ...(error.path === undefined ? {} : { path: error.path }),
  extensions: { code: typeof error.extensions.code === "string" ? error.extensions.code : "INTERNAL_SERVER_ERROR" },
})

const validationFailed = (errors: ReadonlyArray<GraphQLError>): AdminAnswer => ({
  status: 400,
  body: {
    errors: errors.map((e) => ({
      message: e.message,
      ...(e.locations === undefined ? {} : { locations: e.locations }),
      extensions: { http: { status: 400, headers: {} }, code: "GRAPHQL_VALIDATION_FAILED" },
    })),
  },
})

/** Answers one request against `state`. */
export const answerAdminRequest = (
  state: VendureSandboxState,
  request: AdminRequest,
  now = new Date(),
): AdminAnswer => {
  const body = request.body
  if (!isRecord(body) || typeof body.query !== "string") {
    return {
      status: 400,
      body: {
        errors: [
          {
            message: "POST body missing, invalid Content-Type, or JSON object has no keys.",
            extensions: { code: "BAD_REQUEST" },
          },
        ],
      },
    }
  }
  let document: DocumentNode
  try {
    document = parse(body.query)
  } catch (error) {
    return validationFailed([error instanceof GraphqlErrorClass ? error : new GraphqlErrorClass(String(error))])
  }
  const invalid = validate(adminSchema(), document)
  if (invalid.length > 0) return validationFailed(invalid)

  const token = /^Bearer\s+(\S+)$/i.exec(request.authorization ?? "")?.[1]
  const authorized = token !== undefined && state.sessions.includes(token)
  const context: SandboxContext = { state, now }
  const result = executeSync({
    schema: adminSchema(),
    document,
    variableValues: isRecord(body.variables) ? body.variables : {},
    ...(typeof body.operationName === "string" ? { operationName: body.operationName } : {}),
    contextValue: context,
    fieldResolver: fieldResolver(authorized),
    typeResolver: (value) => (isRecord(value) && typeof value.__typename === "string" ? value.__typename : undefined),
  })
  const errors = result.errors?.map((e) => {
    // A variable that does not fit its type: graphql-js reports it without a path, Vendure as BAD_USER_INPUT.
    if (result.data === undefined && e.path === undefined) {
      return {
        message: e.message,
        ...(e.locations ? { locations: e.locations } : {}),
        extensions: { code: "BAD_USER_INPUT" },
      }
    }
    return formatError(e)
  })
  return {
    status: 200,
    body: {
      ...(errors === undefined ? {} : { errors }),
      ...(result.data === undefined ? {} : { data: result.data }),
    },
    ...(context.issuedToken === undefined ? {} : { token: context.issuedToken }),
  }
}
