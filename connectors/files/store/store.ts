/**
 * The directory a Files system reads and writes, behind one interface whether it is a local
 * folder or a folder on an SFTP server. Paths are relative to the location's path, `/`-separated.
 */
import type { Effect } from "effect"
import type { ConnectorError } from "../../../core/connector/index.ts"

/** A regular file in a folder. */
export interface FileEntry {
  readonly name: string
  /** Its modification time, as an ISO instant in UTC (seconds over SFTP, milliseconds locally). */
  readonly modifiedAt: string
  readonly size: number
}

export interface FileStore {
  /** Where this store is, for messages: `sftp://user@host:22/exports` or a local path. */
  readonly describe: string
  /** The regular files of a folder; a folder that does not exist has none. */
  readonly list: (folder: string) => Effect.Effect<ReadonlyArray<FileEntry>, ConnectorError>
  readonly read: (path: string) => Effect.Effect<Uint8Array, ConnectorError>
  /** Writes (creates or truncates) a file. Not atomic: see `writeAtomic`. */
  readonly write: (path: string, data: Uint8Array) => Effect.Effect<void, ConnectorError>
  readonly exists: (path: string) => Effect.Effect<boolean, ConnectorError>
  /** Renames within the location; the target must not exist. */
  readonly rename: (from: string, to: string) => Effect.Effect<void, ConnectorError>
  readonly remove: (path: string) => Effect.Effect<void, ConnectorError>
  /** Creates a folder and its parents when missing. */
  readonly ensureFolder: (folder: string) => Effect.Effect<void, ConnectorError>
}

/** `folder/name`, without a leading `./` or doubled slashes. */
export const joinPath = (...parts: ReadonlyArray<string>): string =>
  parts
    .flatMap((p) => p.split("/"))
    .filter((p) => p !== "" && p !== ".")
    .join("/")
