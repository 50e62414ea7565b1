/**
 * Atomic writes: a reader of the folder sees a file whole or not at all. The data goes to
 * `<name>.tmp` first (which no feed pattern ending in an extension matches) and is renamed
 * into place; rename is atomic on POSIX file systems and on the SFTP server's. When anything
 * fails the temporary file is removed and the error is returned.
 */
import { Effect } from "effect"
import type { ConnectorError } from "../../../core/connector/index.ts"
import { type FileStore, joinPath } from "./store.ts"

/** Writes `folder/name` atomically, creating the folder when missing. */
export const writeAtomic = (
  store: FileStore,
  folder: string,
  name: string,
  data: Uint8Array,
): Effect.Effect<void, ConnectorError> => {
  const target = joinPath(folder, name)
  const temporary = `${target}.tmp`
  return Effect.gen(function* () {
    yield* store.ensureFolder(folder)
    yield* store.write(temporary, data)
    yield* store.rename(temporary, target)
  }).pipe(Effect.tapError(() => Effect.ignore(store.remove(temporary))))
}
