/**
 * The objects API's batch endpoints: `read`, `create`, `update`, `upsert`, at most 100 inputs.
 * `create` and `update` are all or nothing (a bad input refuses the batch with 400, a taken
 * unique value with 409); `upsert` writes what it can and answers 207 with an error per refused
 * input; `read` answers 207 naming the ids it could not find.
 */
import { HttpResponse } from "msw"
import { badRequest, errorResponse, invalidProperties, type PropertyProblem, propertyMessage } from "./errors.ts"
import { associate, associationTypeOf, type HubspotSandboxState, type StoredObject, toPublic } from "./state.ts"
import { findByUnique, indexUniqueValues, isUnique, normalized, propertyProblems, uniqueConflicts } from "./validate.ts"

/** The batch endpoints' input limit. */
export const BATCH_LIMIT = 100

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v)

const singular: Readonly<Record<string, string>> = {
  contacts: "CONTACT",
  companies: "COMPANY",
  products: "PRODUCT",
  line_items: "LINE_ITEM",
  orders: "ORDER",
}

const timestamps = (now: number) => {
  const iso = new Date(now).toISOString()
  return { startedAt: iso, completedAt: iso, requestedAt: iso }
}

/** The `inputs` of a batch body, or the 400 HubSpot answers. */
const inputsOf = (body: unknown): Array<unknown> | Response => {
  if (!isRecord(body) || !Array.isArray(body.inputs)) return badRequest("Invalid input JSON: `inputs` is required")
  if (body.inputs.length > BATCH_LIMIT) {
    return badRequest(
      `Batch input limit exceeded: ${body.inputs.length} inputs were sent, the limit is ${BATCH_LIMIT}.`,
    )
  }
  return body.inputs
}

const apply = (record: StoredObject, values: Record<string, string | null>, now: number) => {
  for (const [name, value] of Object.entries(values)) {
    if (value === null) delete record.properties[name]
    else record.properties[name] = value
  }
  record.updatedAt = new Date(now).toISOString()
}

const conflictMessage = (objectType: string, existingId: string, name: string, value: string) =>
  objectType === "contacts" && name === "email"
    ? `Contact already exists. Existing ID: ${existingId}`
    : `A ${singular[objectType]?.toLowerCase() ?? objectType} with ${name} ${value} already exists. Existing ID: ${existingId}`

/** `POST …/batch/read`, by id or by a unique `idProperty`. */
export const batchRead = (state: HubspotSandboxState, objectType: string, body: unknown): Response => {
  const inputs = inputsOf(body)
  if (inputs instanceof Response) return inputs
  const request = body as Record<string, unknown>
  const idProperty = typeof request.idProperty === "string" ? request.idProperty : undefined
  if (idProperty !== undefined && !isUnique(objectType, idProperty)) {
    return badRequest(`${idProperty} is not a unique identifier property for ${objectType}`)
  }
  const properties = Array.isArray(request.properties) ? request.properties.map(String) : []
  const found: Array<StoredObject> = []
  const missing: Array<string> = []
  for (const input of inputs) {
    const id = isRecord(input) ? String(input.id ?? "") : ""
    const record =
      idProperty === undefined ? state.objects[objectType]?.get(id) : findByUnique(state, objectType, idProperty, id)
    if (record === undefined) missing.push(id)
    else if (!found.includes(record)) found.push(record)
  }
  const answer = {
    status: "COMPLETE",
    results: found.map((r) =>
      toPublic(objectType, r, idProperty === undefined ? properties : [...properties, idProperty]),
    ),
    ...timestamps(Date.now()),
  }
  if (missing.length === 0) return HttpResponse.json(answer)
  return HttpResponse.json(
    {
      ...answer,
      numErrors: 1,
      errors: [
        {
          status: "error",
          category: "OBJECT_NOT_FOUND",
          message: `Could not get some ${singular[objectType] ?? objectType} objects, they may be deleted or not exist. Check that ids are valid.`,
          context: { ids: missing },
          errors: [],
          links: {},
        },
      ],
    },
    { status: 207 },
  )
}

/** Associations given with a create: `[{ to: { id }, types: [{ associationCategory, associationTypeId }] }]`. */
const associationsOf = (
  state: HubspotSandboxState,
  objectType: string,
  raw: unknown,
): Array<{ toType: string; toId: string; typeId: number }> | string => {
  if (raw === undefined) return []
  if (!Array.isArray(raw)) return "associations must be a list"
  const out: Array<{ toType: string; toId: string; typeId: number }> = []
  for (const a of raw) {
    const toId = isRecord(a) && isRecord(a.to) ? String(a.to.id ?? "") : ""
    const types = isRecord(a) && Array.isArray(a.types) ? a.types : []
    for (const t of types) {
      const typeId = isRecord(t) ? Number(t.associationTypeId) : Number.NaN
      const pair = associationTypeOf(typeId)
      if (pair === undefined || pair.fromType !== objectType) {
        return `association type ${String(isRecord(t) ? t.associationTypeId : t)} is not valid from ${objectType}`
      }
      if (!state.objects[pair.toType]?.has(toId)) return `${pair.toType} ${toId} does not exist`
      out.push({ toType: pair.toType, toId, typeId })
    }
  }
  return out
}

/** `POST …/batch/create`: every input valid, or nothing is written. */
export const batchCreate = (state: HubspotSandboxState, objectType: string, body: unknown, now: number): Response => {
  const inputs = inputsOf(body)
  if (inputs instanceof Response) return inputs
  const planned: Array<{
    values: Record<string, string | null>
    links: Array<{ toType: string; toId: string; typeId: number }>
  }> = []
  for (const input of inputs) {
    const properties = isRecord(input) ? input.properties : undefined
    const problems = propertyProblems(objectType, properties)
    if (problems.length > 0) return invalidProperties(problems)
    const values = normalized(properties as Record<string, unknown>)
    const [conflict] = uniqueConflicts(state, objectType, values)
    const sameBatch = planned.find((p) =>
      Object.entries(values).some(([n, v]) => v !== null && isUnique(objectType, n) && p.values[n] === v),
    )
    if (conflict !== undefined || sameBatch !== undefined) {
      const message = conflict
        ? conflictMessage(objectType, conflict.existingId, conflict.name, conflict.value)
        : "Duplicate unique property values in the batch"
      return errorResponse(409, "CONFLICT", message)
    }
    const links = associationsOf(state, objectType, isRecord(input) ? input.associations : undefined)
    if (typeof links === "string") return badRequest(links)
    planned.push({ values, links })
  }
  const created = planned.map(({ values, links }) => {
    const iso = new Date(now).toISOString()
    const record: StoredObject = { id: String(state.nextId++), properties: {}, createdAt: iso, updatedAt: iso }
    apply(record, values, now)
    state.objects[objectType]?.set(record.id, record)
    indexUniqueValues(state, objectType, record)
    for (const link of links) associate(state, { fromType: objectType, fromId: record.id, ...link })
    return toPublic(objectType, record, Object.keys(values))
  })
  return HttpResponse.json({ status: "COMPLETE", results: created, ...timestamps(now) }, { status: 201 })
}

/** `POST …/batch/update`, by id or `idProperty`. */
export const batchUpdate = (state: HubspotSandboxState, objectType: string, body: unknown, now: number): Response => {
  const inputs = inputsOf(body)
  if (inputs instanceof Response) return inputs
  const planned: Array<{ record: StoredObject; values: Record<string, string | null> }> = []
  for (const input of inputs) {
    const id = isRecord(input) ? String(input.id ?? "") : ""
    const idProperty = isRecord(input) && typeof input.idProperty === "string" ? input.idProperty : undefined
    const record =
      idProperty === undefined ? state.objects[objectType]?.get(id) : findByUnique(state, objectType, idProperty, id)
    if (record === undefined) {
      return errorResponse(404, "OBJECT_NOT_FOUND", `Could not find ${singular[objectType] ?? objectType} ${id}`)
    }
    const properties = isRecord(input) ? input.properties : undefined
    const problems = propertyProblems(objectType, properties)
    if (problems.length > 0) return invalidProperties(problems)
    const values = normalized(properties as Record<string, unknown>)
    const [conflict] = uniqueConflicts(state, objectType, values, record.id)
    if (conflict !== undefined) {
      return errorResponse(
        409,
        "CONFLICT",
        conflictMessage(objectType, conflict.existingId, conflict.name, conflict.value),
      )
    }
    planned.push({ record, values })
  }
  const results = planned.map(({ record, values }) => {
    apply(record, values, now)
    indexUniqueValues(state, objectType, record)
    return toPublic(objectType, record, Object.keys(values))
  })
  return HttpResponse.json({ status: "COMPLETE", results, ...timestamps(now) })
}

/**
 * `POST …/batch/upsert`: each input names its record by a unique `idProperty` (contacts: `email`);
 * an unknown value creates the record. Invalid inputs are refused one by one (207).
 */
export const batchUpsert = (state: HubspotSandboxState, objectType: string, body: unknown, now: number): Response => {
  const inputs = inputsOf(body)
  if (inputs instanceof Response) return inputs
  const results: Array<unknown> = []
  const errors: Array<unknown> = []
  const refuse = (id: string, category: string, message: string, problems: ReadonlyArray<PropertyProblem> = []) =>
    errors.push({
      status: "error",
      category,
      message,
      context: { ids: [id] },
      errors: problems.map((p) => ({ message: p.message, code: p.error, context: { propertyName: [p.name] } })),
      links: {},
    })
  for (const input of inputs) {
    const id = isRecord(input) ? String(input.id ?? "") : ""
    const idProperty = isRecord(input) && typeof input.idProperty === "string" ? input.idProperty : undefined
    if (idProperty === undefined || !isUnique(objectType, idProperty)) {
      refuse(
        id,
        "VALIDATION_ERROR",
        `${idProperty ?? "idProperty"} is not a unique identifier property for ${objectType}`,
      )
      continue
    }
    const properties = isRecord(input) ? input.properties : undefined
    const problems = propertyProblems(objectType, properties)
    if (problems.length > 0) {
      refuse(id, "VALIDATION_ERROR", propertyMessage(problems), problems)
      continue
    }
    const values = {
      ...normalized(properties as Record<string, unknown>),
      [idProperty]: normalized({ [idProperty]: id })[idProperty] ?? null,
    }
    const existing = findByUnique(state, objectType, idProperty, id)
    const [conflict] = uniqueConflicts(state, objectType, values, existing?.id)
    if (conflict !== undefined) {
      refuse(id, "CONFLICT", conflictMessage(objectType, conflict.existingId, conflict.name, conflict.value))
      continue
    }
    const iso = new Date(now).toISOString()
    const record = existing ?? { id: String(state.nextId++), properties: {}, createdAt: iso, updatedAt: iso }
    apply(record, values, now)
    state.objects[objectType]?.set(record.id, record)
    indexUniqueValues(state, objectType, record)
    results.push({ ...toPublic(objectType, record, Object.keys(values)), new: existing === undefined })
  }
  const answer = { status: "COMPLETE", results, ...timestamps(now) }
  return errors.length === 0
    ? HttpResponse.json(answer)
    : HttpResponse.json({ ...answer, numErrors: errors.length, errors }, { status: 207 })
}
