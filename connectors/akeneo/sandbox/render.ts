/**
 * Products and product models as the API returns them: a variant's values include those it
 * inherits from its model; `scope` keeps the channel's scopable values; `with_attribute_options`
 * adds option labels (`linked_data`); image values link to their download.
 */
import type { SeedModel, SeedProduct, SeedValue, SeedValues } from "../fixtures/catalog.ts"
import type { AkeneoSandboxState } from "./state.ts"

export interface RenderOptions {
  readonly origin: string
  readonly scope: string | null
  readonly withOptions: boolean
}

export const REST = "/api/rest/v1"

/** Read options from a request's query. */
export const renderOptions = (request: Request): RenderOptions => {
  const url = new URL(request.url)
  return {
    origin: url.origin,
    scope: url.searchParams.get("scope"),
    withOptions: url.searchParams.get("with_attribute_options") === "true",
  }
}

const renderValue = (state: AkeneoSandboxState, code: string, value: SeedValue, options: RenderOptions) => {
  const attribute = state.attributes.get(code)
  const out: Record<string, unknown> = { locale: value.locale, scope: value.scope, data: value.data }
  if (attribute?.type === "pim_catalog_image" && typeof value.data === "string") {
    out._links = { download: { href: `${options.origin}${REST}/media-files/${value.data}/download` } }
  }
  if (options.withOptions && attribute?.type === "pim_catalog_simpleselect" && typeof value.data === "string") {
    out.linked_data = {
      attribute: code,
      code: value.data,
      labels: state.attributeOptions.get(code)?.[value.data] ?? {},
    }
  }
  return out
}

const renderValues = (state: AkeneoSandboxState, values: SeedValues, options: RenderOptions) =>
  Object.fromEntries(
    Object.entries(values)
      .map(
        ([code, list]) =>
          [
            code,
            list
              .filter((v) => options.scope === null || v.scope === null || v.scope === options.scope)
              .map((v) => renderValue(state, code, v, options)),
          ] as const,
      )
      .filter(([, list]) => list.length > 0),
  )

/** A product's values with what it inherits from its model. */
export const effectiveValues = (state: AkeneoSandboxState, product: SeedProduct): SeedValues => {
  const model = product.parent === null ? undefined : state.models.get(product.parent)
  return model === undefined ? product.values : { ...model.values, ...product.values }
}

export const renderProduct = (state: AkeneoSandboxState, product: SeedProduct, options: RenderOptions) => ({
  _links: { self: { href: `${options.origin}${REST}/products/${encodeURIComponent(product.identifier)}` } },
  uuid: product.uuid,
  identifier: product.identifier,
  enabled: product.enabled,
  family: product.family,
  categories: product.categories,
  groups: product.groups,
  parent: product.parent,
  values: renderValues(state, effectiveValues(state, product), options),
  created: product.created,
  updated: product.updated,
  associations: {},
  quantified_associations: {},
})

export const renderModel = (state: AkeneoSandboxState, model: SeedModel, options: RenderOptions) => ({
  _links: { self: { href: `${options.origin}${REST}/product-models/${encodeURIComponent(model.code)}` } },
  code: model.code,
  family: model.family,
  family_variant: model.family_variant,
  parent: model.parent,
  categories: model.categories,
  values: renderValues(state, model.values, options),
  created: model.created,
  updated: model.updated,
  associations: {},
  quantified_associations: {},
})
