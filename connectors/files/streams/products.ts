/** The products stream: a product per run of consecutive rows with one product number (one row per variant). */
import { defineStream } from "../../../core/connector/index.ts"
import type { FilesConfig } from "../config.ts"
import { type FileRecord, lastLineOf } from "../schemas/record.ts"
import { readFeed } from "./feed.ts"
import { idFrom } from "./ids.ts"
import { rowPosition } from "./position.ts"

export const productsStream = defineStream<FilesConfig, FileRecord>({
  entity: "product",
  description: "products from the products feed's files (one row per variant, grouped by product number)",
  incremental: true,
  idOf: idFrom(["productNumber"], "|"),
  positionOf: (record) => rowPosition(record.file, record.modifiedAt, lastLineOf(record)),
  read: (ctx, options) => readFeed({ feed: "products", groupBy: "productNumber" }, ctx, options),
})
