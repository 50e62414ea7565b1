import { Effect, Schema } from "effect"
import { describe, expect, it } from "vitest"
import { asVendorError, vendureRequest } from "./client.ts"
import { useVendureSandbox, vendureSystem } from "./testing.ts"

useVendureSandbox()

describe("Vendure client", () => {
  it("keeps Vendure's code when it refuses a query (HTTP 400 GRAPHQL_VALIDATION_FAILED)", async () => {
    const shop = await vendureSystem()
    const error = await Effect.runPromise(
      Effect.flip(
        vendureRequest(shop.context, {
          operation: "channel.nope",
          query: "query Nope($unused: String) { activeChannel { id } }",
          variables: { unused: "x" },
          data: Schema.Unknown,
        }),
      ),
    )
    expect(error._tag).toBe("VendureGraphqlError")
    expect(error._tag === "VendureGraphqlError" && error.errors).toEqual([
      {
        message: 'Variable "$unused" is never used in operation "Nope".',
        code: "GRAPHQL_VALIDATION_FAILED",
        path: undefined,
      },
    ])
  })

  it("reports a refused read as a VendorResponseError with Vendure's message and path", async () => {
    const shop = await vendureSystem()
    const error = await Effect.runPromise(
      Effect.flip(
        asVendorError(
          vendureRequest(shop.context, {
            operation: "orders.tooMany",
            query: "query { orders(options: { take: 1001 }) { totalItems } }",
            data: Schema.Unknown,
          }),
        ),
      ),
    )
    expect(error.message).toBe(
      "shop orders.tooMany returned an unexpected answer at $.orders: Cannot take more than 1000 results from a list query (USER_INPUT_ERROR)",
    )
  })

  it("checks the answer's data against the connector's schema of it", async () => {
    const shop = await vendureSystem()
    const error = await Effect.runPromise(
      Effect.flip(
        vendureRequest(shop.context, {
          operation: "channel.check",
          query: "query { activeChannel { code } }",
          data: Schema.Struct({ activeChannel: Schema.Struct({ code: Schema.Number }) }),
        }),
      ),
    )
    expect(error._tag).toBe("VendorResponseError")
    expect(error.message).toContain("at $.data.activeChannel.code")
  })
})
