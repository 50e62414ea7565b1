/**
 * Test support: Files systems on a sandbox directory (local) or its SFTP server, reading a
 * stream to the end, and the fixtures as the records the streams yield.
 */
import { readFileSync } from "node:fs"
import { join } from "node:path"
import { Chunk, Effect, Logger, LogLevel, Schema, Stream } from "effect"
import type { ReadOptions, StreamDefinition } from "../../core/connector/define.ts"
import { instantiateSystem, type SystemInstance } from "../../core/connector/instantiate.ts"
import { type FeedName, FilesConfig, type FilesConfigInput } from "./config.ts"
import { files } from "./index.ts"
import { filesSandboxFeeds, SANDBOX_PASSWORD, SANDBOX_USERNAME, SEED_EXPORTED_AT } from "./sandbox/index.ts"
import type { FileRecord } from "./schemas/record.ts"
import { parseRows, recordsOf } from "./streams/feed.ts"

/** Runs quietly. */
export const run = <A, E>(effect: Effect.Effect<A, E>): Promise<A> =>
  Effect.runPromise(effect.pipe(Logger.withMinimumLogLevel(LogLevel.None)))

/** Runs and gives the failure instead of throwing it. */
export const runFailure = <A, E>(effect: Effect.Effect<A, E>): Promise<E> =>
  Effect.runPromise(Effect.flip(effect).pipe(Logger.withMinimumLogLevel(LogLevel.None)))

/** The config of a system on a local sandbox directory, with the sandbox's feeds. */
export const localConfig = (root: string, extra: Partial<FilesConfigInput> = {}): FilesConfigInput => ({
  location: { kind: "local", path: root },
  feeds: filesSandboxFeeds,
  ...extra,
})

/** The config of a system on the sandbox's SFTP server. */
export const sftpConfig = (port: number, extra: Partial<FilesConfigInput> = {}): FilesConfigInput => ({
  location: {
    kind: "sftp",
    host: "127.0.0.1",
    port,
    username: SANDBOX_USERNAME,
    password: SANDBOX_PASSWORD,
    path: "/",
  },
  feeds: filesSandboxFeeds,
  ...extra,
})

export const systemFor = (config: FilesConfigInput): Promise<SystemInstance<FilesConfig>> =>
  run(instantiateSystem("erp", files(config), {}))

/** Every page a stream yields. */
export const readPages = (
  system: SystemInstance<FilesConfig>,
  stream: StreamDefinition<FilesConfig, FileRecord>,
  options: ReadOptions = {},
): Promise<ReadonlyArray<ReadonlyArray<FileRecord>>> =>
  run(stream.read(system.context, options).pipe(Stream.runCollect, Effect.map(Chunk.toReadonlyArray)))

/** The sandbox's feeds, decoded with their defaults. */
export const sandboxFeeds = Schema.decodeSync(FilesConfig)({
  location: { kind: "local", path: "/" },
  feeds: filesSandboxFeeds,
}).feeds

/** The records a stream makes of a fixture file (or of `bytes` under the fixture's name). */
export const fixtureRecords = (feed: FeedName, name: string, bytes?: Uint8Array): ReadonlyArray<FileRecord> => {
  const path = join(import.meta.dirname, "fixtures", name)
  const content = bytes ?? readFileSync(path)
  const modifiedAt = SEED_EXPORTED_AT.toISOString()
  return recordsOf(
    { feed, ...(feed === "products" ? { groupBy: "productNumber" } : {}) },
    sandboxFeeds[feed],
    { name, modifiedAt, size: content.length },
    parseRows(sandboxFeeds[feed], content),
  )
}
