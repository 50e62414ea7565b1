/** Opens the store of a configured location for the scope's lifetime. */
import { Effect, type Scope } from "effect"
import type { ConnectorContext, ConnectorError } from "../../../core/connector/index.ts"
import type { FilesConfig } from "../config.ts"
import { localStore } from "./local.ts"
import { sftpStore } from "./sftp.ts"
import type { FileStore } from "./store.ts"

export { writeAtomic } from "./atomic.ts"
export { localStore } from "./local.ts"
export { describeSftp, sftpStore } from "./sftp.ts"
export * from "./store.ts"

/** The system's directory: a local folder, or an SFTP connection closed with the scope. */
export const openStore = (ctx: ConnectorContext<FilesConfig>): Effect.Effect<FileStore, ConnectorError, Scope.Scope> =>
  ctx.config.location.kind === "local"
    ? Effect.succeed(localStore(ctx.system, ctx.config.location.path))
    : sftpStore(ctx.system, ctx.config.location)
