/**
 * An SFTP server (ssh2 `Server`, SFTP version 3 as OpenSSH serves it) over a folder of this
 * machine: password authentication, paths confined to the folder, RENAME refusing an existing
 * target (SSH_FX_FAILURE, as OpenSSH without the posix-rename extension), at most
 * `maxConnections` connections at once (OpenSSH's `MaxStartups` default is 10).
 */
import { timingSafeEqual } from "node:crypto"
import * as fs from "node:fs"
import type { AddressInfo } from "node:net"
import { join, posix } from "node:path"
import ssh2, { type AuthenticationType, type SFTPWrapper } from "ssh2"
import type { ServedSandbox } from "../../../core/connector/index.ts"

const { Server, utils } = ssh2
const { STATUS_CODE } = utils.sftp

export interface SftpServerOptions {
  readonly root: string
  readonly username: string
  readonly password: string
  /** An OpenSSH public key the user may also log in with. */
  readonly authorizedKey?: string
  readonly port?: number
  readonly host?: string
  /** Connections served at once; more are refused at authentication. Undefined: no limit. */
  readonly maxConnections?: number
}

let hostKey: string | undefined
/** One ed25519 host key per process: generating it is the slow part of starting. */
const hostKeyOf = (): string => {
  hostKey ??= utils.generateKeyPairSync("ed25519").private
  return hostKey
}

const sameSecret = (given: string, expected: string): boolean => {
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}

const attrsOf = (stat: fs.Stats) => ({
  mode: stat.mode,
  uid: stat.uid,
  gid: stat.gid,
  size: stat.size,
  atime: Math.floor(stat.atimeMs / 1000),
  mtime: Math.floor(stat.mtimeMs / 1000),
})

type Handle =
  | { readonly kind: "file"; readonly fd: number }
  | { readonly kind: "dir"; readonly path: string; done: boolean }

const statusOf = (error: unknown): number => {
  const code = typeof error === "object" && error !== null && "code" in error ? error.code : undefined
  if (code === "ENOENT") return STATUS_CODE.NO_SUCH_FILE
  if (code === "EACCES" || code === "EPERM") return STATUS_CODE.PERMISSION_DENIED
  return STATUS_CODE.FAILURE
}

/** Answers one SFTP session's requests over `root`. */
const serveSession = (sftp: SFTPWrapper, root: string): void => {
  const handles = new Map<number, Handle>()
  let next = 1
  const open = (handle: Handle): Buffer => {
    const id = next++
    handles.set(id, handle)
    const buffer = Buffer.alloc(4)
    buffer.writeUInt32BE(id)
    return buffer
  }
  const handleOf = (buffer: Buffer) => (buffer.length === 4 ? handles.get(buffer.readUInt32BE()) : undefined)
  const idOf = (buffer: Buffer) => buffer.readUInt32BE()
  const virtual = (path: string) => posix.resolve("/", path)
  const real = (path: string) => join(root, virtual(path))
  const guard = (reqId: number, run: () => void) => {
    try {
      run()
    } catch (error) {
      sftp.status(reqId, statusOf(error), error instanceof Error ? error.message : String(error))
    }
  }

  sftp.on("REALPATH", (reqId, path) => {
    const name = virtual(path)
    sftp.name(reqId, [{ filename: name, longname: name, attrs: {} as never }])
  })
  const stat = (reqId: number, path: string) => guard(reqId, () => sftp.attrs(reqId, attrsOf(fs.statSync(real(path)))))
  sftp.on("STAT", stat)
  sftp.on("LSTAT", stat)
  sftp.on("OPENDIR", (reqId, path) =>
    guard(reqId, () => {
      if (!fs.statSync(real(path)).isDirectory()) throw Object.assign(new Error("not a directory"), { code: "ENOTDIR" })
      sftp.handle(reqId, open({ kind: "dir", path: real(path), done: false }))
    }),
  )
  sftp.on("READDIR", (reqId, buffer) =>
    guard(reqId, () => {
      const handle = handleOf(buffer)
      if (handle?.kind !== "dir") return void sftp.status(reqId, STATUS_CODE.FAILURE, "bad handle")
      if (handle.done) return void sftp.status(reqId, STATUS_CODE.EOF)
      handle.done = true
      const names = fs.readdirSync(handle.path).map((filename) => ({
        filename,
        longname: filename,
        attrs: attrsOf(fs.statSync(join(handle.path, filename))),
      }))
      sftp.name(reqId, names)
    }),
  )
  sftp.on("OPEN", (reqId, filename, flags) =>
    guard(reqId, () => {
      const mode = utils.sftp.flagsToString(flags)
      if (mode === null) return void sftp.status(reqId, STATUS_CODE.OP_UNSUPPORTED, "unsupported open flags")
      sftp.handle(reqId, open({ kind: "file", fd: fs.openSync(real(filename), mode) }))
    }),
  )
  sftp.on("READ", (reqId, buffer, offset, length) =>
    guard(reqId, () => {
      const handle = handleOf(buffer)
      if (handle?.kind !== "file") return void sftp.status(reqId, STATUS_CODE.FAILURE, "bad handle")
      const data = Buffer.alloc(length)
      const read = fs.readSync(handle.fd, data, 0, length, offset)
      if (read === 0) sftp.status(reqId, STATUS_CODE.EOF)
      else sftp.data(reqId, data.subarray(0, read))
    }),
  )
  sftp.on("WRITE", (reqId, buffer, offset, data) =>
    guard(reqId, () => {
      const handle = handleOf(buffer)
      if (handle?.kind !== "file") return void sftp.status(reqId, STATUS_CODE.FAILURE, "bad handle")
      fs.writeSync(handle.fd, data, 0, data.length, offset)
      sftp.status(reqId, STATUS_CODE.OK)
    }),
  )
  sftp.on("FSTAT", (reqId, buffer) =>
    guard(reqId, () => {
      const handle = handleOf(buffer)
      if (handle?.kind !== "file") return void sftp.status(reqId, STATUS_CODE.FAILURE, "bad handle")
      sftp.attrs(reqId, attrsOf(fs.fstatSync(handle.fd)))
    }),
  )
  sftp.on("CLOSE", (reqId, buffer) =>
    guard(reqId, () => {
      const handle = handleOf(buffer)
      if (handle === undefined) return void sftp.status(reqId, STATUS_CODE.FAILURE, "bad handle")
      handles.delete(idOf(buffer))
      if (handle.kind === "file") fs.closeSync(handle.fd)
      sftp.status(reqId, STATUS_CODE.OK)
    }),
  )
  // Permissions and times are the server's business here; accepted and left as they are.
  sftp.on("SETSTAT", (reqId) => sftp.status(reqId, STATUS_CODE.OK))
  sftp.on("FSETSTAT", (reqId) => sftp.status(reqId, STATUS_CODE.OK))
  const simple = (reqId: number, change: () => void) =>
    guard(reqId, () => {
      change()
      sftp.status(reqId, STATUS_CODE.OK)
    })
  sftp.on("REMOVE", (reqId, path) => simple(reqId, () => fs.unlinkSync(real(path))))
  sftp.on("RMDIR", (reqId, path) => simple(reqId, () => fs.rmdirSync(real(path))))
  sftp.on("MKDIR", (reqId, path) => simple(reqId, () => fs.mkdirSync(real(path))))
  sftp.on("RENAME", (reqId, from, to) =>
    guard(reqId, () => {
      if (fs.existsSync(real(to))) return void sftp.status(reqId, STATUS_CODE.FAILURE, `${virtual(to)} already exists`)
      fs.renameSync(real(from), real(to))
      sftp.status(reqId, STATUS_CODE.OK)
    }),
  )
}

/** Starts the server; resolves once it listens. */
export const startSftpServer = (options: SftpServerOptions): Promise<ServedSandbox> => {
  const host = options.host ?? "127.0.0.1"
  let connections = 0
  const parsed = options.authorizedKey === undefined ? undefined : utils.parseKey(options.authorizedKey)
  const authorized = parsed instanceof Error || Array.isArray(parsed) ? undefined : parsed
  const clients = new Set<{ end: () => unknown }>()
  const server = new Server({ hostKeys: [hostKeyOf()] }, (client) => {
    connections++
    clients.add(client)
    const over = options.maxConnections !== undefined && connections > options.maxConnections
    client.on("close", () => {
      connections--
      clients.delete(client)
    })
    client.on("error", () => {
      // A client that hangs up mid-handshake; nothing to answer.
    })
    client.on("authentication", (ctx) => {
      const methods: AuthenticationType[] = authorized === undefined ? ["password"] : ["publickey", "password"]
      if (over || ctx.username !== options.username) return ctx.reject(over ? [] : methods)
      if (ctx.method === "password" && sameSecret(ctx.password, options.password)) return ctx.accept()
      if (ctx.method === "publickey" && authorized !== undefined && ctx.key.data.equals(authorized.getPublicSSH())) {
        // Without a signature the client only asks whether the key would do (RFC 4252 §7).
        if (ctx.signature === undefined || ctx.blob === undefined) return ctx.accept()
        if (authorized.verify(ctx.blob, ctx.signature, ctx.hashAlgo)) return ctx.accept()
      }
      ctx.reject(methods)
    })
    client.on("ready", () => {
      client.on("session", (accept) => {
        const session = accept()
        session.on("sftp", (acceptSftp) => serveSession(acceptSftp(), options.root))
      })
    })
  })
  return new Promise((resolve, reject) => {
    server.once("error", reject)
    server.listen(options.port ?? 0, host, () => {
      const { port } = server.address() as AddressInfo
      resolve({
        url: `sftp://${host}:${port}`,
        port,
        close: () =>
          new Promise((done) => {
            server.close(() => done())
            for (const client of clients) client.end()
          }),
      })
    })
  })
}
