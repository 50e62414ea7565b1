/** The stock stream: one level per row (SKU at a location) of the stock feed's files. */
import { defineStream } from "../../../core/connector/index.ts"
import type { FilesConfig } from "../config.ts"
import { type FileRecord, lastLineOf } from "../schemas/record.ts"
import { readFeed } from "./feed.ts"
import { idFrom } from "./ids.ts"
import { rowPosition } from "./position.ts"

export const stockStream = defineStream<FilesConfig, FileRecord>({
  entity: "inventory",
  description: "stock levels from the stock feed's files (one row per SKU and location)",
  incremental: true,
  idOf: idFrom(["sku", "locationCode"], "@"),
  positionOf: (record) => rowPosition(record.file, record.modifiedAt, lastLineOf(record)),
  read: (ctx, options) => readFeed({ feed: "stock" }, ctx, options),
})
