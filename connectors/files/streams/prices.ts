/** The prices stream: one price per row of the prices feed's files. */
import { defineStream } from "../../../core/connector/index.ts"
import type { FilesConfig } from "../config.ts"
import { type FileRecord, lastLineOf } from "../schemas/record.ts"
import { readFeed } from "./feed.ts"
import { idFrom } from "./ids.ts"
import { rowPosition } from "./position.ts"

export const pricesStream = defineStream<FilesConfig, FileRecord>({
  entity: "price",
  description: "prices from the prices feed's files (one row per SKU, price list, currency and tier)",
  incremental: true,
  // The row's own key columns: the same price in tomorrow's file is the same record.
  idOf: idFrom(["sku", "priceList", "currency", "minQuantity"], "|"),
  positionOf: (record) => rowPosition(record.file, record.modifiedAt, lastLineOf(record)),
  read: (ctx, options) => readFeed({ feed: "prices" }, ctx, options),
})
