/** The Files sinks: products, prices and stock exported to the feeds' outboxes. */
import { exportSink } from "./export.ts"

export const productsSink = exportSink(
  "products",
  "product",
  "products as files in the products feed's outbox (a row per variant)",
)
export const pricesSink = exportSink("prices", "price", "prices as files in the prices feed's outbox")
export const stockSink = exportSink("stock", "inventory", "stock levels as files in the stock feed's outbox")
