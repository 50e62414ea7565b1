import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { validateConfigShape } from "./load.ts"

const shape = (flows: Record<string, unknown>) => ({ systems: { erp: { _tag: "SystemDeclaration" } }, flows })
const failureOf = (flows: Record<string, unknown>) =>
  Effect.runPromise(Effect.flip(validateConfigShape("esl.config.ts", shape(flows))))

describe("the config's flows", () => {
  it("refuses a filter on an inbound flow, which would otherwise let every record through", async () => {
    const error = await failureOf({ "shop-orders": { from: "shop", stream: "orders", filter: () => true } })
    expect(error.message).toContain("flows.shop-orders.filter")
    expect(error.message).toContain("filter the outbound flows ({ to, sink }) that write these records")
  })

  it("refuses a setting an outbound flow does not know, and names the ones it takes", async () => {
    const error = await failureOf({ "shop-prices": { to: "shop", sink: "prices", batchSize: 10 } })
    expect(error.message).toContain("flows.shop-prices.batchSize")
    expect(error.message).toContain("to, sink, filter, pageSize, schedule")
  })

  it("takes every documented setting", async () => {
    const config = await Effect.runPromise(
      validateConfigShape(
        "esl.config.ts",
        shape({
          "erp-products": { from: "erp", stream: "products", pageSize: 100, schedule: "*/15 * * * *" },
          "shop-products": { to: "shop", sink: "products", filter: () => true, pageSize: 50, schedule: "0 * * * *" },
        }),
      ),
    )
    expect(Object.keys(config.flows)).toEqual(["erp-products", "shop-products"])
  })
})
