import { HttpResponse, http } from "msw"
import { expect, it } from "vitest"
import type { Sandbox } from "./sandbox.ts"
import { type SandboxExchange, serveSandbox } from "./sandboxServer.ts"

const echo: Sandbox = {
  connector: "echo",
  handlers: [
    http.post("*/items", async ({ request }) => HttpResponse.json({ got: await request.json() }, { status: 201 })),
  ],
  state: undefined,
  reset: () => undefined,
}

it("shows every answer, routed or not, to onAnswer before it is sent", async () => {
  const seen: Array<Omit<SandboxExchange, "requestBody" | "answer" | "arrivedAt"> & { body: string; answer: string }> =
    []
  const served = await serveSandbox(echo, {
    onAnswer: ({ method, path, requestBody, status, answer }) => {
      seen.push({ method, path, status, body: requestBody.toString(), answer: answer.toString() })
    },
  })
  try {
    const created = await fetch(`${served.url}/items`, { method: "POST", body: JSON.stringify({ sku: "A-1" }) })
    expect(await created.json()).toEqual({ got: { sku: "A-1" } })
    const missing = await fetch(`${served.url}/nowhere`)
    expect(missing.status).toBe(404)
    expect(await missing.json()).toEqual({ error: "the echo sandbox has no route for GET /nowhere" })
  } finally {
    await served.close()
  }
  expect(seen).toEqual([
    { method: "POST", path: "/items", status: 201, body: '{"sku":"A-1"}', answer: '{"got":{"sku":"A-1"}}' },
    {
      method: "GET",
      path: "/nowhere",
      status: 404,
      body: "",
      answer: '{"error":"the echo sandbox has no route for GET /nowhere"}',
    },
  ])
})
