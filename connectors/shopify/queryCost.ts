/**
 * Shopify's calculated query cost (https://shopify.dev/docs/api/usage/limits#cost-calculation),
 * computed before a query is sent: scalars and enums cost 0, objects 1, a connection 2 plus
 * `first` (or `last`) times the cost of one node, an interface or union the most expensive of
 * its possible selections, a mutation 10 (`productSet` 50 in 2025-01; dynamic costing came in
 * 2025-10). The client uses it to book the cost in its leaky bucket before sending; the sandbox
 * uses the same rules, with the real schema, to charge and throttle like Shopify.
 */
import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  Kind,
  type OperationDefinitionNode,
  parse,
  type SelectionSetNode,
  type ValueNode,
} from "graphql"

/** What a field is, as far as its cost goes; `type` names the type its selections apply to. */
export interface FieldShape {
  readonly kind: "leaf" | "object" | "connection"
  readonly type?: string
}

/** Tells the walker what a field of a type is: from the schema, or guessed from the query. */
export type FieldShapeOf = (parentType: string | undefined, field: FieldNode) => FieldShape

const CONNECTION_FIELDS = new Set(["nodes", "edges", "pageInfo"])

/**
 * Without a schema: a field with a selection set is an object, and a connection when it selects
 * `nodes`, `edges` or `pageInfo`. Exact for every query this connector sends.
 */
export const shapeFromQuery: FieldShapeOf = (_parent, field) => {
  if (field.selectionSet === undefined) return { kind: "leaf" }
  const connection = field.selectionSet.selections.some(
    (s) => s.kind === Kind.FIELD && CONNECTION_FIELDS.has(s.name.value),
  )
  return { kind: connection ? "connection" : "object" }
}

/** Mutations whose cost is not the default 10. */
const MUTATION_COSTS: Readonly<Record<string, number>> = { productSet: 50 }
const MUTATION_COST = 10

export interface CostInput {
  readonly document: DocumentNode
  readonly variables?: Readonly<Record<string, unknown>> | undefined
  readonly operationName?: string | undefined
  /** The names of the root types (`QueryRoot`, `Mutation`), when a schema knows them. */
  readonly rootTypes?: { readonly query: string; readonly mutation: string }
  readonly shapeOf?: FieldShapeOf
}

const argumentValue = (
  value: ValueNode,
  variables: Readonly<Record<string, unknown>>,
  defaults: Readonly<Record<string, unknown>>,
): unknown => {
  if (value.kind === Kind.INT) return Number(value.value)
  if (value.kind === Kind.VARIABLE) return variables[value.name.value] ?? defaults[value.name.value]
  return undefined
}

/** The operation a request runs: the named one, else the only one. */
export const selectOperation = (
  document: DocumentNode,
  operationName?: string,
): OperationDefinitionNode | undefined => {
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION)
  if (operationName !== undefined) return operations.find((o) => o.name?.value === operationName)
  return operations.length === 1 ? operations[0] : undefined
}

/** The requested cost of an operation, before it runs. */
export const requestedQueryCost = (input: CostInput): number => {
  const operation = selectOperation(input.document, input.operationName)
  if (operation === undefined) return 0
  const shapeOf = input.shapeOf ?? shapeFromQuery
  const variables = input.variables ?? {}
  const defaults: Record<string, unknown> = {}
  for (const definition of operation.variableDefinitions ?? []) {
    if (definition.defaultValue?.kind === Kind.INT)
      defaults[definition.variable.name.value] = Number(definition.defaultValue.value)
  }
  const fragments = new Map<string, FragmentDefinitionNode>()
  for (const d of input.document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d)

  const pageSize = (field: FieldNode): number => {
    for (const arg of field.arguments ?? []) {
      if (arg.name.value === "first" || arg.name.value === "last") {
        const n = argumentValue(arg.value, variables, defaults)
        if (typeof n === "number") return n
      }
    }
    return 0
  }

  const selectionCost = (selectionSet: SelectionSetNode | undefined, type: string | undefined): number => {
    if (selectionSet === undefined) return 0
    let total = 0
    // Fragments on possible types of an interface or union: only the dearest one can apply.
    const alternatives: Array<number> = []
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) total += fieldCost(selection, type)
      else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const on = selection.typeCondition?.name.value
        if (on === undefined || on === type) total += selectionCost(selection.selectionSet, type)
        else alternatives.push(selectionCost(selection.selectionSet, on))
      } else {
        const fragment = fragments.get(selection.name.value)
        if (fragment === undefined) continue
        const on = fragment.typeCondition.name.value
        if (on === type) total += selectionCost(fragment.selectionSet, type)
        else alternatives.push(selectionCost(fragment.selectionSet, on))
      }
    }
    return total + Math.max(0, ...alternatives)
  }

  const connectionNodeCost = (field: FieldNode, type: string | undefined): number => {
    let cost = 0
    for (const selection of field.selectionSet?.selections ?? []) {
      if (selection.kind !== Kind.FIELD) continue
      const shape = shapeOf(type, selection)
      if (selection.name.value === "nodes") cost += 1 + selectionCost(selection.selectionSet, shape.type)
      if (selection.name.value === "edges") {
        for (const edgeField of selection.selectionSet?.selections ?? []) {
          if (edgeField.kind === Kind.FIELD && edgeField.name.value === "node") {
            cost += 1 + selectionCost(edgeField.selectionSet, shapeOf(shape.type, edgeField).type)
          }
        }
      }
    }
    return cost
  }

  // `nodes(ids: […])` returns one object per id, and costs like it.
  const idCount = (field: FieldNode): number => {
    const ids = field.arguments?.find((a) => a.name.value === "ids")
    if (ids === undefined) return 1
    if (ids.value.kind === Kind.LIST) return ids.value.values.length
    const value = ids.value.kind === Kind.VARIABLE ? variables[ids.value.name.value] : undefined
    return Array.isArray(value) ? value.length : 1
  }

  const fieldCost = (field: FieldNode, parentType: string | undefined): number => {
    const shape = shapeOf(parentType, field)
    switch (shape.kind) {
      case "leaf":
        return 0
      case "object":
        return idCount(field) * (1 + selectionCost(field.selectionSet, shape.type))
      case "connection":
        return 2 + pageSize(field) * connectionNodeCost(field, shape.type)
    }
  }

  const rootType = operation.operation === "mutation" ? input.rootTypes?.mutation : input.rootTypes?.query
  if (operation.operation === "mutation") {
    return operation.selectionSet.selections.reduce(
      (sum, s) => sum + (s.kind === Kind.FIELD ? (MUTATION_COSTS[s.name.value] ?? MUTATION_COST) : 0),
      0,
    )
  }
  return selectionCost(operation.selectionSet, rootType)
}

/** The cost of a query text the connector is about to send (parsed once per text). */
export const estimateQueryCost = (() => {
  const parsed = new Map<string, DocumentNode>()
  return (query: string, variables?: Readonly<Record<string, unknown>>): number => {
    let document = parsed.get(query)
    if (document === undefined) {
      document = parse(query)
      parsed.set(query, document)
    }
    return requestedQueryCost({ document, variables })
  }
})()
