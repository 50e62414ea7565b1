/**
 * What Vendure tests share: the sandbox behind msw (unhandled requests fail), a system
 * instantiated the way `esl.config.ts` would, and a small admin client for a REAL Vendure
 * (scripts/peers/vendure.sh) that places orders through the Admin API's draft-order flow, the
 * way a shop's checkout leaves them. The peer client is plain `fetch`, independent of the
 * connector it is used to test.
 */
import { Effect } from "effect"
import { setupServer } from "msw/node"
import { afterAll, afterEach, beforeAll } from "vitest"
import { instantiateSystem, type SandboxOptions, type SystemInstance } from "../../core/connector/index.ts"
import type { VendureConfig, VendureConfigInput } from "./config.ts"
import { vendure } from "./index.ts"
import { SANDBOX_ADMIN, vendureSandbox } from "./sandbox/index.ts"

export { placeSandboxOrder, type SandboxOrderInput } from "./sandbox/placeOrder.ts"

/** The sandbox shop's config. */
export const sandboxShop: VendureConfigInput = {
  baseUrl: "https://vendure.sandbox.test/admin-api",
  username: SANDBOX_ADMIN.username,
  password: SANDBOX_ADMIN.password,
}

/** A system named `shop` (or `name`) against `input`, instantiated as `esl.config.ts` would. */
export const vendureSystem = (
  overrides: Partial<VendureConfigInput> = {},
  name = "shop",
): Promise<SystemInstance<VendureConfig>> =>
  Effect.runPromise(instantiateSystem(name, vendure({ ...sandboxShop, ...overrides }), {}))

/** Starts a sandbox for the file's tests, back to its seed after each test. */
export const useVendureSandbox = (options: SandboxOptions = {}) => {
  const sandbox = vendureSandbox(options)
  const server = setupServer(...sandbox.handlers)
  beforeAll(() => server.listen({ onUnhandledRequest: "error" }))
  afterEach(() => sandbox.reset())
  afterAll(() => server.close())
  return { sandbox, server }
}

/** Where a real Vendure runs, from the environment `scripts/peers/vendure.sh` documents. */
export interface VendurePeerEnv {
  /** The server's origin, e.g. `http://127.0.0.1:3000` (its Admin API is `<url>/admin-api`). */
  readonly url: string
  readonly username: string
  readonly password: string
}

/** `VENDURE_URL` (required), `VENDURE_SUPERADMIN_USERNAME` / `_PASSWORD` (default superadmin). */
export const vendurePeerEnv = (env: NodeJS.ProcessEnv = process.env): VendurePeerEnv | undefined => {
  const url = env.VENDURE_URL?.trim()
  if (url === undefined || url === "") return undefined
  return {
    url: url.replace(/\/+$/, "").replace(/\/admin-api$/, ""),
    username: env.VENDURE_SUPERADMIN_USERNAME ?? "superadmin",
    password: env.VENDURE_SUPERADMIN_PASSWORD ?? "superadmin",
  }
}

/** The connector config for a real Vendure. */
export const peerConfig = (peer: VendurePeerEnv, overrides: Partial<VendureConfigInput> = {}): VendureConfigInput => ({
  baseUrl: `${peer.url}/admin-api`,
  username: peer.username,
  password: peer.password,
  ...overrides,
})

/** An order placed on a real Vendure. */
export interface PlacedOrder {
  readonly id: string
  readonly code: string
  readonly state: string
  readonly totalWithTax: number
}

/** What to order, as whom. */
export interface OrderRequest {
  readonly email: string
  readonly firstName?: string
  readonly lastName?: string
  readonly lines: ReadonlyArray<{ readonly sku: string; readonly quantity: number }>
}

/** A logged-in superadmin on a real Vendure, for arranging and inspecting test data. */
export interface VendurePeer {
  /** One Admin API call; GraphQL errors and ErrorResults (a `__typename` with `errorCode`) throw. */
  readonly admin: <T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>) => Promise<T>
  /** Places an order through the draft-order flow: customer, address, shipping, settled payment. */
  readonly placeOrder: (request: OrderRequest) => Promise<PlacedOrder>
  /** A variant's stock and price by SKU, as Vendure has them now. */
  readonly variant: (sku: string) => Promise<VariantState | undefined>
}

export interface VariantState {
  readonly id: string
  readonly sku: string
  readonly name: string
  readonly price: number
  readonly priceWithTax: number
  readonly stockOnHand: number
  readonly stockAllocated: number
  readonly productId: string
  readonly options: ReadonlyArray<{ readonly code: string; readonly group: { readonly code: string } }>
}

const refusal = (value: unknown): string | undefined => {
  if (typeof value !== "object" || value === null) return undefined
  if (Array.isArray(value)) return value.map(refusal).find((r) => r !== undefined)
  const record = value as Record<string, unknown>
  if (typeof record.errorCode === "string")
    return `${String(record.__typename)} ${record.errorCode}: ${String(record.message)}`
  return Object.values(record)
    .map(refusal)
    .find((r) => r !== undefined)
}

/** Logs in to a real Vendure as its superadmin. */
export const vendurePeer = async (peer: VendurePeerEnv): Promise<VendurePeer> => {
  let token: string | undefined
  const send = async <T>(
    query: string,
    variables: Record<string, unknown> | undefined,
    retried: boolean,
  ): Promise<T> => {
    const response = await fetch(`${peer.url}/admin-api`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
      },
      body: JSON.stringify(variables === undefined ? { query } : { query, variables }),
    })
    token = response.headers.get("vendure-auth-token") ?? token
    const body = (await response.json()) as { data?: T; errors?: Array<{ extensions?: { code?: string } }> }
    // Vendure ends every session of a user when one of them logs out: log in again, once.
    if (!retried && body.errors?.some((e) => e.extensions?.code === "FORBIDDEN") === true) {
      await login()
      return send(query, variables, true)
    }
    if (body.errors !== undefined) {
      throw new Error(`Vendure refused ${query.trim().split("\n")[0]}: ${JSON.stringify(body.errors)}`)
    }
    const refused = refusal(body.data)
    if (refused !== undefined) throw new Error(`Vendure refused ${query.trim().split("\n")[0]}: ${refused}`)
    return body.data as T
  }
  const login = async (): Promise<void> => {
    token = undefined
    await send(
      `mutation Login($username: String!, $password: String!) {
        login(username: $username, password: $password) { __typename ... on ErrorResult { errorCode message } } }`,
      { username: peer.username, password: peer.password },
      true,
    )
  }
  const admin = <T>(query: string, variables?: Record<string, unknown>): Promise<T> => send<T>(query, variables, false)
  await login()

  const variant = async (sku: string): Promise<VariantState | undefined> => {
    const data = await admin<{
      productVariants: { items: Array<Omit<VariantState, "productId"> & { product: { id: string } }> }
    }>(
      `query Variant($sku: String!) { productVariants(options: { filter: { sku: { eq: $sku } }, sort: { id: ASC } }) {
        items { id sku name price priceWithTax stockOnHand stockAllocated product { id } options { code group { code } } } } }`,
      { sku },
    )
    const found = data.productVariants.items[0]
    return found === undefined ? undefined : { ...found, productId: found.product.id }
  }

  const customerId = async (request: OrderRequest): Promise<string> => {
    const found = await admin<{ customers: { items: Array<{ id: string }> } }>(
      `query Customer($email: String!) { customers(options: { filter: { emailAddress: { eq: $email } } }) { items { id } } }`,
      { email: request.email.toLowerCase() },
    )
    const existing = found.customers.items[0]
    if (existing !== undefined) return existing.id
    const created = await admin<{ createCustomer: { id: string } }>(
      `mutation CreateCustomer($input: CreateCustomerInput!) {
        createCustomer(input: $input) { __typename ... on Customer { id } ... on ErrorResult { errorCode message } } }`,
      {
        input: {
          emailAddress: request.email,
          firstName: request.firstName ?? "Test",
          lastName: request.lastName ?? "Customer",
        },
      },
    )
    return created.createCustomer.id
  }

  const placeOrder = async (request: OrderRequest): Promise<PlacedOrder> => {
    const customer = await customerId(request)
    const draft = await admin<{ createDraftOrder: { id: string } }>(`mutation Draft { createDraftOrder { id } }`)
    const orderId = draft.createDraftOrder.id
    for (const line of request.lines) {
      const found = await variant(line.sku)
      if (found === undefined) throw new Error(`Vendure has no variant with SKU ${line.sku}`)
      await admin(
        `mutation AddItem($orderId: ID!, $variantId: ID!, $quantity: Int!) {
          addItemToDraftOrder(orderId: $orderId, input: { productVariantId: $variantId, quantity: $quantity }) {
            __typename ... on ErrorResult { errorCode message } } }`,
        { orderId, variantId: found.id, quantity: line.quantity },
      )
    }
    await admin(
      `mutation SetCustomer($orderId: ID!, $customerId: ID!) {
        setCustomerForDraftOrder(orderId: $orderId, customerId: $customerId) { __typename ... on ErrorResult { errorCode message } } }`,
      { orderId, customerId: customer },
    )
    const address = {
      fullName: `${request.firstName ?? "Test"} ${request.lastName ?? "Customer"}`,
      streetLine1: "Invalidenstraße 1",
      city: "Berlin",
      postalCode: "10115",
      countryCode: "DE",
    }
    await admin(
      `mutation ShipTo($orderId: ID!, $input: CreateAddressInput!) { setDraftOrderShippingAddress(orderId: $orderId, input: $input) { id } }`,
      { orderId, input: address },
    )
    await admin(
      `mutation BillTo($orderId: ID!, $input: CreateAddressInput!) { setDraftOrderBillingAddress(orderId: $orderId, input: $input) { id } }`,
      { orderId, input: address },
    )
    const methods = await admin<{ eligibleShippingMethodsForDraftOrder: Array<{ id: string }> }>(
      `query Shipping($orderId: ID!) { eligibleShippingMethodsForDraftOrder(orderId: $orderId) { id } }`,
      { orderId },
    )
    const method = methods.eligibleShippingMethodsForDraftOrder[0]
    if (method === undefined)
      throw new Error("Vendure offers no shipping method: run scripts/peers/vendure.sh start (it seeds one)")
    await admin(
      `mutation SetShipping($orderId: ID!, $methodId: ID!) {
        setDraftOrderShippingMethod(orderId: $orderId, shippingMethodId: $methodId) { __typename ... on ErrorResult { errorCode message } } }`,
      { orderId, methodId: method.id },
    )
    await admin(
      `mutation ToPayment($orderId: ID!) {
        transitionOrderToState(id: $orderId, state: "ArrangingPayment") { __typename ... on ErrorResult { errorCode message } } }`,
      { orderId },
    )
    const paid = await admin<{ addManualPaymentToOrder: PlacedOrder }>(
      `mutation Pay($orderId: ID!, $transactionId: String!) {
        addManualPaymentToOrder(input: { orderId: $orderId, method: "dummy", transactionId: $transactionId, metadata: {} }) {
          __typename ... on Order { id code state totalWithTax } ... on ErrorResult { errorCode message } } }`,
      { orderId, transactionId: `esl-e2e-${orderId}` },
    )
    return paid.addManualPaymentToOrder
  }

  return { admin, placeOrder, variant }
}
