import { Effect } from "effect"
import { setupServer } from "msw/node"
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest"
import type { SystemInstance } from "../../core/connector/index.ts"
import { comparePositions } from "../../core/hub/index.ts"
import type { HubspotConfig } from "./config.ts"
import { hubspotSandbox } from "./sandbox/index.ts"
import { customersStream } from "./streams/customers.ts"
import { readAll, readPages, run, systemFor } from "./testing.ts"

// A query yields at most 3 results here, so paging 2 at a time hits the cap on the second page.
const sandbox = hubspotSandbox({ rateLimits: false, searchResultLimit: 3 })
const server = setupServer(...sandbox.handlers)
let system: SystemInstance<HubspotConfig>

beforeAll(async () => {
  server.listen({ onUnhandledRequest: "error" })
  system = await systemFor()
})
afterEach(() => sandbox.reset())
afterAll(() => server.close())

/** Adds contacts modified at the given instants. */
const addContacts = (instants: ReadonlyArray<string>) =>
  instants.forEach((at, i) => {
    const id = String(600 + i)
    sandbox.state.objects.contacts?.set(id, {
      id,
      properties: { email: `kunde${i}@example.de`, firstname: "Kunde", lastname: String(i) },
      createdAt: at,
      updatedAt: at,
    })
  })

describe("hubspot customers stream", () => {
  it("reads every contact once, oldest change first, the B2B buyer with her company", async () => {
    const records = await readAll(customersStream, system.context, { pageSize: 2 })
    expect(records.map((r) => r.contact.id)).toEqual(["501", "502", "503", "504", "505"])
    const anna = records[0]
    expect(anna?.company?.properties).toMatchObject({ name: "Bergwerk Sport GmbH", customer_number: "C-10001" })
    expect(records[1]?.company).toBeNull()
  })

  it("starts the search again from the last date seen instead of paging past the result cap", async () => {
    addContacts([
      "2026-03-09T11:02:30.000Z",
      "2026-03-09T11:02:30.000Z",
      "2026-03-10T08:00:00.000Z",
      "2026-03-10T08:00:00.000Z",
      "2026-03-10T08:00:00.000Z",
      "2026-03-11T12:00:00.000Z",
    ])
    const records = await readAll(customersStream, system.context, { pageSize: 2 })
    const ids = records.map((r) => r.contact.id)
    expect(ids).toEqual(["501", "502", "503", "504", "505", "600", "601", "602", "603", "604", "605"])
    const positions = records.map((r) => customersStream.positionOf(r))
    expect(positions).toEqual([...positions].sort(comparePositions))
  })

  it("reads from a cursor: only contacts changed at or after it", async () => {
    const records = await readAll(customersStream, system.context, {
      since: { at: "2026-03-05T19:44:03Z", id: "503" },
    })
    expect(records.map((r) => r.contact.id)).toEqual(["503", "504", "505"])
  })

  it("sees a contact changed after the first read on the next incremental read", async () => {
    const first = await readPages(customersStream, system.context, {})
    const last = customersStream.positionOf(first.flat().at(-1)!)
    const sophie = sandbox.state.objects.contacts?.get("504")
    if (sophie) sophie.updatedAt = "2026-03-20T10:00:00.000Z"
    const next = await readAll(customersStream, system.context, { since: last })
    expect(next.map((r) => r.contact.id)).toEqual(["505", "504"])
  })

  it("reads contacts by id, with their company", async () => {
    const records = await run(Effect.suspend(() => customersStream.readByIds!(system.context, ["501", "999"])))
    expect(records.map((r) => [r.contact.id, r.company?.id ?? null])).toEqual([["501", "9001"]])
  })
})
