/**
 * What a request costs in the sandbox and whether the shop's bucket holds it, as Shopify does it
 * (https://shopify.dev/docs/api/usage/limits#cost-calculation): the requested cost is booked
 * before execution, the difference to the actual cost (connections that returned fewer nodes
 * than asked for) refunded after, and a request the bucket cannot hold is answered `THROTTLED`.
 */
import {
  type DocumentNode,
  type FieldNode,
  type GraphQLSchema,
  getNamedType,
  isInterfaceType,
  isLeafType,
  isObjectType,
  Kind,
  type SelectionSetNode,
} from "graphql"
import { type FieldShapeOf, requestedQueryCost, selectOperation, shapeFromQuery } from "../queryCost.ts"
import type { SandboxThrottle } from "./state.ts"

/** Field shapes from the schema: exact where the query alone can only guess. */
export const shapeFromSchema =
  (schema: GraphQLSchema): FieldShapeOf =>
  (parentType, field) => {
    if (field.name.value === "__typename") return { kind: "leaf" }
    const parent = parentType === undefined ? undefined : schema.getType(parentType)
    const definition =
      parent !== undefined && (isObjectType(parent) || isInterfaceType(parent))
        ? parent.getFields()[field.name.value]
        : undefined
    if (definition === undefined) return shapeFromQuery(parentType, field)
    const named = getNamedType(definition.type)
    if (isLeafType(named)) return { kind: "leaf" }
    return { kind: named.name.endsWith("Connection") ? "connection" : "object", type: named.name }
  }

export const requestedCost = (
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Readonly<Record<string, unknown>> | undefined,
  operationName: string | undefined,
): number =>
  requestedQueryCost({
    document,
    variables,
    operationName,
    rootTypes: {
      query: schema.getQueryType()?.name ?? "QueryRoot",
      mutation: schema.getMutationType()?.name ?? "Mutation",
    },
    shapeOf: shapeFromSchema(schema),
  })

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value)

/**
 * The cost of what a query returned: like the requested cost, but each connection counts the
 * nodes it actually holds and a null object costs nothing.
 */
export const actualCost = (
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | undefined,
  data: unknown,
  requested: number,
): number => {
  const operation = selectOperation(document, operationName)
  if (operation === undefined || operation.operation === "mutation") return requested
  const shapeOf = shapeFromSchema(schema)
  const fragments = new Map(
    document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : [])),
  )

  const fieldsOf = (selectionSet: SelectionSetNode | undefined, value: Record<string, unknown>): Array<FieldNode> =>
    (selectionSet?.selections ?? []).flatMap((s) => {
      if (s.kind === Kind.FIELD) return [s]
      const inner = s.kind === Kind.INLINE_FRAGMENT ? s.selectionSet : fragments.get(s.name.value)?.selectionSet
      // A fragment applied when its fields are in the answer (graphql-js leaves the others out).
      const fields = fieldsOf(inner, value)
      return fields.some((f) => (f.alias?.value ?? f.name.value) in value) ? fields : []
    })

  /** What the nodes a connection returned cost, read through `nodes` or `edges { node }`. */
  const connectionNodesCost = (field: FieldNode, type: string | undefined, value: unknown): number => {
    if (!isRecord(value)) return 0
    let total = 0
    for (const selection of field.selectionSet?.selections ?? []) {
      if (selection.kind !== Kind.FIELD) continue
      const list = value[selection.alias?.value ?? selection.name.value]
      if (!Array.isArray(list)) continue
      if (selection.name.value === "nodes") {
        const nodeType = shapeOf(type, selection).type
        for (const node of list) total += 1 + objectCost(selection.selectionSet, nodeType, node)
      }
      if (selection.name.value === "edges") {
        const edgeType = shapeOf(type, selection).type
        const nodeField = selection.selectionSet?.selections.find(
          (s) => s.kind === Kind.FIELD && s.name.value === "node",
        )
        if (nodeField?.kind !== Kind.FIELD) continue
        const nodeType = shapeOf(edgeType, nodeField).type
        for (const edge of list) {
          const node = isRecord(edge) ? edge[nodeField.alias?.value ?? "node"] : undefined
          total += 1 + objectCost(nodeField.selectionSet, nodeType, node)
        }
      }
    }
    return total
  }

  const objectCost = (selectionSet: SelectionSetNode | undefined, type: string | undefined, value: unknown): number => {
    if (!isRecord(value)) return 0
    let total = 0
    for (const field of fieldsOf(selectionSet, value)) {
      const shape = shapeOf(type, field)
      const child = value[field.alias?.value ?? field.name.value]
      if (shape.kind === "leaf" || child === null || child === undefined) continue
      if (shape.kind === "object") {
        const items = Array.isArray(child) ? child : [child]
        const costs = items.map((item) => (item === null ? 0 : 1 + objectCost(field.selectionSet, shape.type, item)))
        // `nodes(ids:)` costs per record; any other list of objects like one object.
        const perRecord = field.arguments?.some((a) => a.name.value === "ids") === true
        total += perRecord ? costs.reduce((sum, c) => sum + c, 0) : Math.max(1, ...costs)
        continue
      }
      total += 2 + connectionNodesCost(field, shape.type, child)
    }
    return total
  }
  return Math.min(requested, objectCost(operation.selectionSet, schema.getQueryType()?.name, data))
}

/** One app's bucket on one shop. */
export interface Bucket {
  available: number
  updatedAt: number
}

export const refill = (bucket: Bucket, throttle: SandboxThrottle, now: number): void => {
  bucket.available = Math.min(
    throttle.maximumAvailable,
    bucket.available + ((now - bucket.updatedAt) / 1000) * throttle.restoreRate,
  )
  bucket.updatedAt = now
}

/** `extensions.cost` as Shopify sends it. */
export const costExtension = (
  requested: number,
  actual: number | null,
  throttle: SandboxThrottle,
  available: number,
) => ({
  cost: {
    requestedQueryCost: requested,
    actualQueryCost: actual,
    throttleStatus: {
      maximumAvailable: throttle.maximumAvailable,
      currentlyAvailable: Math.floor(available),
      restoreRate: throttle.restoreRate,
    },
  },
})
