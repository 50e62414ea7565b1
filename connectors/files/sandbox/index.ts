/**
 * The Files sandbox: a temporary directory with a German ERP's export files, served over SFTP
 * (`serve`, used by `esl sandbox files`) or used as a local location in tests (`state.root`).
 * It has no HTTP handlers: the vendor is a file server.
 */
import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import ssh2 from "ssh2"
import type { Sandbox, SandboxOptions } from "../../../core/connector/index.ts"
import { seedDirectory } from "./seed.ts"
import { startSftpServer } from "./sftpServer.ts"

export { filesSandboxFeeds } from "./feeds.ts"
export { SEED_EXPORTED_AT, SEED_FILES } from "./seed.ts"

/** The SFTP login of the sandbox. */
export const SANDBOX_USERNAME = "esl-export"
export const SANDBOX_PASSWORD = "sandbox-sftp-password"

/** OpenSSH's default `MaxStartups`: concurrent connections beyond it are refused. */
export const SANDBOX_MAX_CONNECTIONS = 10

export interface FilesSandboxState {
  /** The directory (with `inbox/`, `processed/`, `outbox/`); also what the SFTP server serves as `/`. */
  readonly root: string
  readonly username: string
  readonly password: string
  /** An OpenSSH private key the server also accepts for the user (public key authentication). */
  readonly privateKey: string
}

export type FilesSandboxOptions = SandboxOptions

/** A sandbox over a fresh temporary directory, seeded unless `seed: false`. */
export const filesSandbox = (options: FilesSandboxOptions = {}): Sandbox<FilesSandboxState> => {
  const root = mkdtempSync(join(tmpdir(), "esl-files-sandbox-"))
  const seed = options.seed ?? true
  seedDirectory(root, seed)
  const key = ssh2.utils.generateKeyPairSync("ed25519")
  return {
    connector: "files",
    handlers: [],
    state: { root, username: SANDBOX_USERNAME, password: SANDBOX_PASSWORD, privateKey: key.private },
    reset: () => seedDirectory(root, seed),
    serve: ({ port, host }) =>
      startSftpServer({
        root,
        username: SANDBOX_USERNAME,
        password: SANDBOX_PASSWORD,
        authorizedKey: key.public,
        ...(port !== undefined ? { port } : {}),
        ...(host !== undefined ? { host } : {}),
        ...(options.rateLimits === false ? {} : { maxConnections: SANDBOX_MAX_CONNECTIONS }),
      }),
  }
}
