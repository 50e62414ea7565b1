/**
 * HubSpot's CRM object shapes (crm-objects-v3.json): a record is an id, timestamps and a flat
 * map of property values, every value a string or null.
 */
import { Schema } from "effect"

/** Property values as HubSpot sends them: strings (numbers and booleans too), or null when unset. */
export const Properties = Schema.Record({ key: Schema.String, value: Schema.NullOr(Schema.String) })
export type Properties = typeof Properties.Type

/** `SimplePublicObject`: what search, batch read and batch writes return per record. */
export const CrmObject = Schema.Struct({
  id: Schema.String,
  properties: Properties,
  createdAt: Schema.String,
  updatedAt: Schema.String,
  archived: Schema.Boolean,
})
export type CrmObject = typeof CrmObject.Type

/** `ForwardPaging` / `Paging`: the next page's `after` token. */
export const Paging = Schema.Struct({
  next: Schema.optional(Schema.Struct({ after: Schema.String, link: Schema.optional(Schema.String) })),
})

/** `CollectionResponseWithTotalSimplePublicObject`: a search page. */
export const SearchPage = Schema.Struct({
  total: Schema.Number,
  results: Schema.Array(CrmObject),
  paging: Schema.optional(Paging),
})

/** `ErrorDetail`. */
export const ErrorDetail = Schema.Struct({
  message: Schema.String,
  code: Schema.optional(Schema.String),
  in: Schema.optional(Schema.String),
  context: Schema.optional(Schema.Record({ key: Schema.String, value: Schema.Array(Schema.String) })),
})

/** `StandardError`: one failed input of a batch (207 multi-status). */
export const StandardError = Schema.Struct({
  status: Schema.String,
  category: Schema.String,
  message: Schema.String,
  context: Schema.optional(Schema.Record({ key: Schema.String, value: Schema.Array(Schema.String) })),
  errors: Schema.optional(Schema.Array(ErrorDetail)),
})
export type StandardError = typeof StandardError.Type

/** `SimplePublicUpsertObject`: an upserted record and whether it is new. */
export const UpsertedObject = Schema.Struct({ ...CrmObject.fields, new: Schema.Boolean })

/** `BatchResponse…WithErrors`: results, and on a 207 the inputs that failed. */
export const batchResponse = <A, I>(result: Schema.Schema<A, I>) =>
  Schema.Struct({
    status: Schema.String,
    results: Schema.Array(result),
    errors: Schema.optional(Schema.Array(StandardError)),
    numErrors: Schema.optional(Schema.Number),
  })

/** `Error`: the body of every 4xx/5xx answer. */
export const HubspotErrorBody = Schema.Struct({
  status: Schema.optional(Schema.String),
  message: Schema.String,
  correlationId: Schema.optional(Schema.String),
  category: Schema.optional(Schema.String),
  subCategory: Schema.optional(Schema.String),
  errors: Schema.optional(Schema.Array(ErrorDetail)),
  context: Schema.optional(Schema.Record({ key: Schema.String, value: Schema.Array(Schema.String) })),
})

/** `PublicAssociationMultiWithLabel`: a record's associated ids of one object type. */
export const AssociationResult = Schema.Struct({
  from: Schema.Struct({ id: Schema.String }),
  to: Schema.Array(
    Schema.Struct({
      toObjectId: Schema.Union(Schema.String, Schema.Number),
      associationTypes: Schema.Array(Schema.Unknown),
    }),
  ),
})

/** The record a customers stream yields: a contact with its associated (primary) company. */
export const HubspotCustomer = Schema.Struct({
  contact: CrmObject,
  company: Schema.NullOr(CrmObject),
})
export type HubspotCustomer = typeof HubspotCustomer.Type

/** The record an orders stream yields: an order with its line items and its contact's e-mail. */
export const HubspotOrder = Schema.Struct({
  order: CrmObject,
  lineItems: Schema.Array(CrmObject),
  contactEmail: Schema.NullOr(Schema.String),
})
export type HubspotOrder = typeof HubspotOrder.Type
