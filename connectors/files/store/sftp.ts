/**
 * A folder on an SFTP server as a `FileStore`, over one SSH connection (ssh2). SFTP version 3
 * (draft-ietf-secsh-filexfer-02), what OpenSSH serves: RENAME fails when the target exists,
 * modification times are whole seconds.
 */
import { Effect, Redacted, type Scope } from "effect"
import ssh2, { type SFTPWrapper } from "ssh2"
import { AuthError, type ConnectorError, NetworkError, VendorResponseError } from "../../../core/connector/index.ts"
import type { SftpLocation } from "../config.ts"
import { type FileEntry, type FileStore, joinPath } from "./store.ts"

const { Client } = ssh2

/** SFTP status codes (draft-ietf-secsh-filexfer-02 §7). */
const NO_SUCH_FILE = 2

const S_IFMT = 0o170000
const S_IFREG = 0o100000

const codeOf = (error: unknown): unknown =>
  typeof error === "object" && error !== null && "code" in error ? error.code : undefined

/** Where the location is, without credentials. */
export const describeSftp = (location: SftpLocation): string =>
  `sftp://${location.username}@${location.host}:${location.port}${location.path.startsWith("/") ? "" : "/"}${location.path}`

const connect = (system: string, location: SftpLocation) =>
  Effect.async<{ readonly client: InstanceType<typeof Client>; readonly sftp: SFTPWrapper }, ConnectorError>(
    (resume) => {
      const client = new Client()
      let settled = false
      const settle = (
        effect: Effect.Effect<{ client: InstanceType<typeof Client>; sftp: SFTPWrapper }, ConnectorError>,
      ) => {
        if (settled) return
        settled = true
        resume(effect)
      }
      client.on("ready", () =>
        client.sftp((error, sftp) => {
          if (error) {
            client.end()
            settle(
              Effect.fail(
                new VendorResponseError({
                  system,
                  operation: "open the SFTP subsystem",
                  detail: error.message,
                }),
              ),
            )
          } else settle(Effect.succeed({ client, sftp }))
        }),
      )
      client.on("error", (error: Error & { level?: string }) => {
        client.end()
        settle(
          Effect.fail(
            error.level === "client-authentication"
              ? new AuthError({
                  system,
                  status: 401,
                  detail: `the SFTP server at ${location.host}:${location.port} rejected user ${location.username} (${error.message})`,
                })
              : new NetworkError({
                  system,
                  method: "SFTP",
                  url: describeSftp(location),
                  reason: error.level === "client-timeout" ? "timeout" : "connection",
                  detail: error.message,
                }),
          ),
        )
      })
      client.connect({
        host: location.host,
        port: location.port,
        username: location.username,
        readyTimeout: location.readyTimeoutSeconds * 1000,
        ...(location.password !== undefined ? { password: Redacted.value(location.password) } : {}),
        ...(location.privateKey !== undefined ? { privateKey: Redacted.value(location.privateKey) } : {}),
        ...(location.passphrase !== undefined ? { passphrase: Redacted.value(location.passphrase) } : {}),
      })
      return Effect.sync(() => client.end())
    },
  )

/** Opens an SFTP connection for the scope's lifetime and serves the location through it. */
export const sftpStore = (
  system: string,
  location: SftpLocation,
): Effect.Effect<FileStore, ConnectorError, Scope.Scope> =>
  Effect.gen(function* () {
    const { sftp } = yield* Effect.acquireRelease(connect(system, location), ({ client }) =>
      Effect.sync(() => client.end()),
    )
    const abs = (path: string) => {
      const rel = joinPath(path)
      const base = location.path.replace(/\/+$/, "")
      return rel === "" ? base || "/" : `${base}/${rel}`
    }
    const call = <A>(operation: string, path: string, run: (done: (error: unknown, value?: A) => void) => void) =>
      Effect.async<A, ConnectorError>((resume) => {
        run((error, value) => {
          if (error) {
            resume(
              Effect.fail(
                new VendorResponseError({
                  system,
                  operation: `${operation} ${path}`,
                  detail: `${error instanceof Error ? error.message : String(error)} (SFTP status ${String(codeOf(error))})`,
                }),
              ),
            )
          } else resume(Effect.succeed(value as A))
        })
      })
    const stat = (path: string) =>
      Effect.async<boolean, ConnectorError>((resume) => {
        sftp.stat(abs(path), (error) => {
          if (!error) resume(Effect.succeed(true))
          else if (codeOf(error) === NO_SUCH_FILE) resume(Effect.succeed(false))
          else
            resume(Effect.fail(new VendorResponseError({ system, operation: `stat ${path}`, detail: error.message })))
        })
      })
    const mkdirs = (folder: string): Effect.Effect<void, ConnectorError> =>
      Effect.gen(function* () {
        const parts = joinPath(folder).split("/").filter(Boolean)
        for (let i = 1; i <= parts.length; i++) {
          const partial = parts.slice(0, i).join("/")
          if (yield* stat(partial)) continue
          yield* call<void>("mkdir", partial, (done) => sftp.mkdir(abs(partial), (e) => done(e)))
        }
      })
    const store: FileStore = {
      describe: describeSftp(location),
      list: (folder) =>
        Effect.gen(function* () {
          if (!(yield* stat(folder))) return []
          const listing = yield* call<
            ReadonlyArray<{ filename: string; attrs: { mode: number; size: number; mtime: number } }>
          >("list", folder, (done) => sftp.readdir(abs(folder), (e, list) => done(e, list)))
          return listing
            .filter((entry) => (entry.attrs.mode & S_IFMT) === S_IFREG)
            .map(
              (entry): FileEntry => ({
                name: entry.filename,
                modifiedAt: new Date(entry.attrs.mtime * 1000).toISOString(),
                size: entry.attrs.size,
              }),
            )
        }),
      read: (path) => call<Uint8Array>("read", path, (done) => sftp.readFile(abs(path), (e, data) => done(e, data))),
      write: (path, data) =>
        call<void>("write", path, (done) => sftp.writeFile(abs(path), Buffer.from(data), (e) => done(e))),
      exists: stat,
      rename: (from, to) =>
        Effect.gen(function* () {
          const slash = joinPath(to).lastIndexOf("/")
          if (slash > 0) yield* mkdirs(joinPath(to).slice(0, slash))
          yield* call<void>("rename", `${from} → ${to}`, (done) => sftp.rename(abs(from), abs(to), (e) => done(e)))
        }),
      remove: (path) =>
        Effect.gen(function* () {
          if (yield* stat(path)) yield* call<void>("remove", path, (done) => sftp.unlink(abs(path), (e) => done(e)))
        }),
      ensureFolder: mkdirs,
    }
    return store
  })
