import { describe, expect, it } from "vitest"
import * as real from "../fixtures/errors.ts"
import { answerAdminRequest } from "./execute.ts"
import { SANDBOX_ADMIN, seedState } from "./state.ts"

// The same requests that produced fixtures/errors.ts on the real Vendure 3.7.3, sent to the
// sandbox: status and body must be what the real server answered, word for word.
const LOGIN = `mutation L($u: String!, $p: String!) { login(username: $u, password: $p) { __typename ... on CurrentUser { id identifier } ... on ErrorResult { errorCode message } } }`
const CREATE_VARIANTS = `mutation($input: [CreateProductVariantInput!]!) { createProductVariants(input: $input) { id sku } }`
const UPDATE_VARIANTS = `mutation($input: [UpdateProductVariantInput!]!) { updateProductVariants(input: $input) { id } }`
const FULFIL = `mutation($input: FulfillOrderInput!) { addFulfillmentToOrder(input: $input) { __typename ... on Fulfillment { id state } ... on ErrorResult { errorCode message } } }`
const TO_SHIPPED = `mutation($id: ID!) { transitionFulfillmentToState(id: $id, state: "Shipped") { __typename ... on Fulfillment { id state } ... on FulfillmentStateTransitionError { errorCode message transitionError fromState toState } } }`

const loggedIn = () => {
  const state = seedState(true)
  const login = answerAdminRequest(state, {
    authorization: null,
    body: { query: LOGIN, variables: { u: SANDBOX_ADMIN.username, p: SANDBOX_ADMIN.password } },
  })
  return { state, authorization: `Bearer ${login.token}` }
}

describe("Vendure sandbox answers as the real Vendure 3.7.3 did", () => {
  it.each([
    ["a query without a session", real.unauthenticated, { query: "query { activeChannel { id } }" }, false],
    ["a wrong password", real.loginWrong, { query: LOGIN, variables: { u: "superadmin", p: "wrong" } }, false],
    [
      "an unused variable",
      real.unusedVariable,
      { query: "query Q($x: String) { activeChannel { id } }", variables: { x: "a", y: 1 } },
      true,
    ],
    [
      "a variant with the options of another",
      real.createVariantDuplicateOptions,
      {
        query: CREATE_VARIANTS,
        variables: {
          input: [
            {
              productId: "1",
              sku: "TS-100-M2",
              price: 5990,
              optionIds: ["1"],
              translations: [{ languageCode: "en", name: "dup" }],
            },
          ],
        },
      },
      true,
    ],
    [
      "a variant without an option of each group",
      real.createVariantNoOptions,
      {
        query: CREATE_VARIANTS,
        variables: {
          input: [
            {
              productId: "1",
              sku: "TS-100-X",
              price: 5990,
              optionIds: [],
              translations: [{ languageCode: "en", name: "noopt" }],
            },
          ],
        },
      },
      true,
    ],
    [
      "an unknown variant id",
      real.updateVariantUnknown,
      { query: UPDATE_VARIANTS, variables: { input: [{ id: "9999", price: 1 }] } },
      true,
    ],
    [
      "shipping more than the line holds",
      real.fulfilTooMany,
      {
        query: FULFIL,
        variables: {
          input: {
            lines: [{ orderLineId: "1", quantity: 5 }],
            handler: {
              code: "manual-fulfillment",
              arguments: [
                { name: "method", value: "DHL" },
                { name: "trackingCode", value: "X" },
              ],
            },
          },
        },
      },
      true,
    ],
    ["a fulfilment moved back from Delivered", real.fulfilShipped, { query: TO_SHIPPED, variables: { id: "1" } }, true],
  ])("%s", (_name, answer, body, authenticated) => {
    const { state, authorization } = loggedIn()
    const got = answerAdminRequest(state, { authorization: authenticated ? authorization : null, body })
    expect({ status: got.status, body: got.body }).toEqual(answer)
  })

  it("gives the session token in the answer to login, and accepts it as a bearer token", () => {
    const { state, authorization } = loggedIn()
    expect(state.sessions).toHaveLength(1)
    const answer = answerAdminRequest(state, { authorization, body: { query: "query { activeChannel { code } }" } })
    expect(answer.body).toEqual({ data: { activeChannel: { code: "__default_channel__" } } })
  })

  it("refuses more than 1000 list items in one page, as Vendure's adminListQueryLimit does", () => {
    const { state, authorization } = loggedIn()
    const answer = answerAdminRequest(state, {
      authorization,
      body: { query: "query { orders(options: { take: 1001 }) { totalItems } }" },
    })
    expect(answer.body).toMatchObject({
      errors: [
        { message: "Cannot take more than 1000 results from a list query", extensions: { code: "USER_INPUT_ERROR" } },
      ],
      data: null,
    })
  })
})
