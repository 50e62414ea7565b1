/** CLI-test support for the Files connector: its SFTP sandbox as a process, and looking into it. */
import { type ChildProcess, spawn } from "node:child_process"
import { join, resolve } from "node:path"
import { Effect, Redacted } from "effect"
import { SANDBOX_PASSWORD, SANDBOX_USERNAME } from "../../connectors/files/index.ts"
import { sftpStore } from "../../connectors/files/store/index.ts"

const bin = join(resolve(import.meta.dirname, "../.."), "cli/bin.mjs")

/** Starts `esl sandbox files --port <port>` and resolves once its SFTP server listens. */
export const startFilesSandboxProcess = (port: number): Promise<{ url: string; stop: () => Promise<void> }> =>
  new Promise((done, fail) => {
    const child: ChildProcess = spawn(process.execPath, [bin, "sandbox", "files", "--port", String(port)], {
      env: { ...process.env, ESL_LOG_LEVEL: "error" },
      stdio: ["ignore", "pipe", "pipe"],
    })
    let output = ""
    const timer = setTimeout(() => fail(new Error(`esl sandbox files did not start: ${output}`)), 110_000)
    const onData = (d: Buffer) => {
      output += d.toString()
      const match = /listening on (sftp:\/\/\S+)/.exec(output)
      if (match?.[1]) {
        clearTimeout(timer)
        done({
          url: match[1],
          stop: () =>
            new Promise((stopped) => {
              child.once("close", () => stopped())
              child.kill("SIGTERM")
            }),
        })
      }
    }
    child.stdout?.on("data", onData)
    child.stderr?.on("data", onData)
    child.on("error", fail)
  })

type Store = Effect.Effect.Success<ReturnType<typeof sftpStore>>

const withStore = <A>(port: number, use: (store: Store) => Effect.Effect<A, unknown>) =>
  Effect.runPromise(
    Effect.scoped(
      Effect.flatMap(
        sftpStore("sandbox", {
          kind: "sftp",
          host: "127.0.0.1",
          port,
          username: SANDBOX_USERNAME,
          password: Redacted.make(SANDBOX_PASSWORD),
          path: "/",
          readyTimeoutSeconds: 20,
        }),
        use,
      ),
    ),
  )

/** The names of the files in a folder of the sandbox, over SFTP. */
export const sandboxFolder = (port: number, folder: string): Promise<ReadonlyArray<string>> =>
  withStore(port, (store) => Effect.map(store.list(folder), (entries) => entries.map((e) => e.name).sort()))

/** Uploads a file into the sandbox's inbox as an ERP would: to a temporary name, then renamed. */
export const uploadToInbox = (port: number, name: string, data: Uint8Array): Promise<void> =>
  withStore(port, (store) =>
    Effect.gen(function* () {
      yield* store.write(`inbox/${name}.part`, data)
      yield* store.rename(`inbox/${name}.part`, `inbox/${name}`)
    }),
  )
