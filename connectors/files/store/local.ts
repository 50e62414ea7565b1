/** A folder on this machine as a `FileStore` (node:fs). */
import { promises as fs } from "node:fs"
import { dirname, join } from "node:path"
import { Effect } from "effect"
import { VendorResponseError } from "../../../core/connector/index.ts"
import { type FileStore, joinPath } from "./store.ts"

const codeOf = (error: unknown): string | undefined =>
  typeof error === "object" && error !== null && "code" in error ? String(error.code) : undefined

/** A local folder; `system` names the system in errors. */
export const localStore = (system: string, root: string): FileStore => {
  const abs = (path: string) => join(root, ...joinPath(path).split("/"))
  const attempt = <A>(operation: string, path: string, run: () => Promise<A>) =>
    Effect.tryPromise({
      try: run,
      catch: (error) =>
        new VendorResponseError({
          system,
          operation: `${operation} ${path}`,
          detail: `${codeOf(error) ?? "error"}: ${error instanceof Error ? error.message : String(error)}`,
        }),
    })
  return {
    describe: root,
    list: (folder) =>
      attempt("list", folder, async () => {
        const dir = abs(folder)
        const names = await fs.readdir(dir).catch((error: unknown) => {
          if (codeOf(error) === "ENOENT") return [] as string[]
          throw error
        })
        const entries = await Promise.all(
          names.map(async (name) => {
            const stat = await fs.stat(join(dir, name))
            return stat.isFile() ? [{ name, modifiedAt: stat.mtime.toISOString(), size: stat.size }] : []
          }),
        )
        return entries.flat()
      }),
    read: (path) => attempt("read", path, () => fs.readFile(abs(path))),
    write: (path, data) => attempt("write", path, () => fs.writeFile(abs(path), data)),
    exists: (path) =>
      attempt("stat", path, () =>
        fs.stat(abs(path)).then(
          () => true,
          (error: unknown) => {
            if (codeOf(error) === "ENOENT") return false
            throw error
          },
        ),
      ),
    rename: (from, to) =>
      attempt("rename", `${from} → ${to}`, async () => {
        // fs.rename replaces an existing target; the store's contract is that it does not.
        const exists = await fs.stat(abs(to)).then(
          () => true,
          () => false,
        )
        if (exists) throw Object.assign(new Error(`${to} already exists`), { code: "EEXIST" })
        await fs.mkdir(dirname(abs(to)), { recursive: true })
        await fs.rename(abs(from), abs(to))
      }),
    remove: (path) => attempt("remove", path, () => fs.rm(abs(path), { force: true })),
    ensureFolder: (folder) => attempt("mkdir", folder, () => fs.mkdir(abs(folder), { recursive: true }).then(() => {})),
  }
}
