import { describe, expect, it } from "vitest"
import { orderChangeNotification } from "./fixtures/orderChangeNotification.ts"
import { parseOrderChangeNotification } from "./notifications.ts"
import { ordersStream } from "./streams/orders.ts"
import { amazonSystem, run, useAmazonSandbox } from "./testing.ts"

describe("ORDER_CHANGE notifications (from SQS, not HTTP)", () => {
  useAmazonSandbox()

  it("names the order to re-read, which the orders stream then reads by id", async () => {
    const change = parseOrderChangeNotification(JSON.stringify(orderChangeNotification))
    expect(change).toEqual({
      notificationId: "b8a6e8c1-6b0f-4e3e-9a0e-3d6c2b2f2f11",
      sellerId: "A2ALPENGLOW7DE",
      marketplaceId: "A1PA6795UKMFR9",
      amazonOrderId: "028-7734190-5526315",
      orderStatus: "Unshipped",
      changeType: "OrderStatusChange",
      eventTime: "2026-02-20T11:36:12.481Z",
    })
    const system = await amazonSystem()
    const [order] = await run(ordersStream.readByIds!(system.context, [change!.amazonOrderId]))
    expect(order?.items.map((i) => i.SellerSKU)).toEqual(["ALP-HOOD-M-NVY", "ALP-BEANIE"])
  })

  it("ignores other notification types and malformed bodies", () => {
    expect(
      parseOrderChangeNotification(
        JSON.stringify({ ...orderChangeNotification, NotificationType: "ANY_OFFER_CHANGED" }),
      ),
    ).toBeUndefined()
    expect(parseOrderChangeNotification("not json")).toBeUndefined()
  })
})
