/**
 * Errors in the shapes Shopify answers with. Shopify's GraphQL server is graphql-ruby, so a
 * validation error reads "Field 'foo' doesn't exist on type 'Product'" with a `code` extension
 * and the path of the offending field in the document, not graphql-js's wording.
 */
import { type ASTNode, type DocumentNode, type GraphQLError, Kind, visit } from "graphql"

export interface ShopifyGraphqlError {
  readonly message: string
  readonly locations?: ReadonlyArray<{ readonly line: number; readonly column: number }>
  readonly path?: ReadonlyArray<string | number>
  readonly extensions: Record<string, unknown>
}

/** The 401 body for a missing or wrong access token. */
export const invalidTokenBody = {
  errors: "[API] Invalid API key or access token (unrecognized login or wrong password)",
}

/** A request body without a query. */
export const missingQueryBody = { errors: { query: "Required parameter missing or invalid" } }

export const throttledError: ShopifyGraphqlError = {
  message: "Throttled",
  extensions: { code: "THROTTLED", documentation: "https://shopify.dev/api/usage/limits#rate-limits" },
}

export const maxCostExceededError = (cost: number, maxCost: number): ShopifyGraphqlError => ({
  message: `Query cost is ${cost}, which exceeds the single query max cost limit (${maxCost}).\n\nSee https://shopify.dev/concepts/about-apis/rate-limits for more information on how the\ncost of a query is calculated.\n\nTo query larger amounts of data with fewer limits, bulk operations should be used instead.\nSee https://shopify.dev/tutorials/perform-bulk-operations-with-admin-api for usage details.\n`,
  extensions: {
    code: "MAX_COST_EXCEEDED",
    cost,
    maxCost,
    documentation: "https://shopify.dev/api/usage/limits#rate-limits",
  },
})

/** graphql-ruby's document path of a node: `["query OrdersPage", "orders", "nodes", "foo"]`. */
const documentPath = (document: DocumentNode, target: ASTNode | undefined): Array<string> | undefined => {
  if (target === undefined) return undefined
  let found: Array<string> | undefined
  visit(document, {
    enter(node, _key, _parent, _path, ancestors) {
      if (found !== undefined || node !== target) return undefined
      const names: Array<string> = []
      for (const ancestor of [...ancestors, node]) {
        if (Array.isArray(ancestor) || !("kind" in ancestor)) continue
        if (ancestor.kind === Kind.OPERATION_DEFINITION) {
          names.push(ancestor.name ? `${ancestor.operation} ${ancestor.name.value}` : ancestor.operation)
        } else if (ancestor.kind === Kind.FRAGMENT_DEFINITION) {
          names.push(`fragment ${ancestor.name.value}`)
        } else if (ancestor.kind === Kind.FIELD) {
          names.push(ancestor.alias?.value ?? ancestor.name.value)
        } else if (ancestor.kind === Kind.INLINE_FRAGMENT) {
          names.push(`... on ${ancestor.typeCondition?.name.value ?? ""}`)
        }
      }
      found = names
      return undefined
    },
  })
  return found
}

type Translation = (match: RegExpExecArray) => { message: string; extensions: Record<string, unknown> }

/** graphql-js validation messages and their graphql-ruby counterparts. */
const TRANSLATIONS: ReadonlyArray<readonly [RegExp, Translation]> = [
  [
    /^Cannot query field "(\w+)" on type "(\w+)"\./,
    ([, field, type]) => ({
      message: `Field '${field}' doesn't exist on type '${type}'`,
      extensions: { code: "undefinedField", typeName: type, fieldName: field },
    }),
  ],
  [
    /^Unknown argument "(\w+)" on field "(\w+)\.(\w+)"\./,
    ([, argument, , field]) => ({
      message: `Field '${field}' doesn't accept argument '${argument}'`,
      extensions: { code: "argumentNotAccepted", name: field, typeName: "Field", argumentName: argument },
    }),
  ],
  [
    /^Field "(\w+)" argument "(\w+)" of type "[^"]+" is required, but it was not provided\./,
    ([, field, argument]) => ({
      message: `Field '${field}' is missing required arguments: ${argument}`,
      extensions: { code: "missingRequiredArguments", className: "Field", name: field, arguments: argument },
    }),
  ],
  [
    /^Field "(\w+)" of type "([^"]+)" must have a selection of subfields\./,
    ([, field, type]) => ({
      message: `Field must have selections (field '${field}' returns ${type?.replace(/[[\]!]/g, "")} but has no selections. Did you mean '${field} { ... }'?)`,
      extensions: { code: "selectionMismatch", nodeName: `field '${field}'`, typeName: type?.replace(/[[\]!]/g, "") },
    }),
  ],
  [
    /^Field "(\w+)" must not have a selection since type "([^"]+)" has no subfields\./,
    ([, field, type]) => ({
      message: `Selections can't be made on scalars (field '${field}' returns ${type?.replace(/[[\]!]/g, "")} but has selections)`,
      extensions: { code: "selectionMismatch", nodeName: `field '${field}'`, typeName: type?.replace(/[[\]!]/g, "") },
    }),
  ],
  [
    /^Unknown type "(\w+)"\./,
    ([, type]) => ({
      message: `No such type ${type}, so it can't be a fragment condition`,
      extensions: { code: "undefinedType", typeName: type },
    }),
  ],
  [
    /^Variable "\$(\w+)" is never used/,
    ([, variable]) => ({
      message: `Variable $${variable} is declared but not used`,
      extensions: { code: "variableNotUsed", variableName: variable },
    }),
  ],
  [
    /^Variable "\$(\w+)" is not defined/,
    ([, variable]) => ({
      message: `Variable $${variable} is used but not declared`,
      extensions: { code: "variableNotDefined", variableName: variable },
    }),
  ],
]

/** A validation error of graphql-js, worded and shaped as Shopify words it. */
export const validationError = (error: GraphQLError, document: DocumentNode): ShopifyGraphqlError => {
  const path = documentPath(document, error.nodes?.[0])
  const base = {
    ...(error.locations === undefined
      ? {}
      : { locations: error.locations.map(({ line, column }) => ({ line, column })) }),
    ...(path === undefined ? {} : { path }),
  }
  for (const [pattern, translate] of TRANSLATIONS) {
    const match = pattern.exec(error.message)
    if (match === null) continue
    const { message, extensions } = translate(match)
    return { message, ...base, extensions }
  }
  return { message: error.message, ...base, extensions: { code: "validationError" } }
}

/** A variable whose value does not fit its type: `Variable $input of type … was provided invalid value`. */
export const variableError = (error: GraphQLError): ShopifyGraphqlError => {
  const match =
    /^Variable "\$(\w+)" (?:got invalid value .*?; |of required type "([^"]+)" was not provided)(.*)$/s.exec(
      error.message,
    )
  const name = match?.[1] ?? "input"
  return {
    message:
      match?.[2] === undefined
        ? `Variable $${name} was provided invalid value`
        : `Variable $${name} of type ${match[2]} was provided invalid value`,
    ...(error.locations === undefined
      ? {}
      : { locations: error.locations.map(({ line, column }) => ({ line, column })) }),
    extensions: {
      code: "INVALID_VARIABLE",
      value: null,
      problems: [{ path: [], explanation: match?.[3]?.trim() || error.message }],
    },
  }
}

/** An execution error (a resolver threw): message, field path and a code. */
export const executionError = (error: GraphQLError): ShopifyGraphqlError => ({
  message: error.message,
  ...(error.locations === undefined
    ? {}
    : { locations: error.locations.map(({ line, column }) => ({ line, column })) }),
  ...(error.path === undefined ? {} : { path: [...error.path] }),
  extensions: { code: typeof error.extensions.code === "string" ? error.extensions.code : "INTERNAL_SERVER_ERROR" },
})
