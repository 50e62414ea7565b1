import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { ada, grace } from "../../connectors/vendure/fixtures/customers.ts"
import { decodeRecord } from "../../core/mapping/index.ts"
import { customerMapping } from "./customer.ts"
import { peerShopContext, readRoundTrip } from "./testing.ts"

const ctx = peerShopContext()

describe("Vendure customer mapping", () => {
  it.effect("reads a customer with a default address as both a shipping and a billing address", () =>
    Effect.gen(function* () {
      const customer = yield* decodeRecord(customerMapping, ctx, ada, "ada")
      expect(customer).toMatchObject({
        email: "ada@example.com",
        firstName: "Ada",
        lastName: "Lovelace",
        phones: [{ number: "+49 30 1234567" }],
        updatedAt: "2026-11-30T11:35:19Z",
      })
      expect(customer.addresses.map((a) => [a.kind, a.isDefault, a.line1, a.line2, a.region])).toEqual([
        ["shipping", true, "Invalidenstraße 1", "Hinterhof", undefined],
        ["billing", true, "Invalidenstraße 1", "Hinterhof", undefined],
      ])
    }),
  )

  it.effect("keeps a title as an attribute and a customer without addresses as such", () =>
    Effect.gen(function* () {
      const customer = yield* decodeRecord(customerMapping, ctx, grace, "grace")
      expect(customer).toMatchObject({
        email: "grace.hopper@example.com",
        addresses: [],
        attributes: { title: "Rear Admiral" },
      })
    }),
  )

  it.effect("reads the same customer back after a round trip through the vendor shape", () =>
    Effect.gen(function* () {
      const { canonical, again } = yield* readRoundTrip(customerMapping, ctx, ada)
      expect(again).toEqual(canonical)
    }),
  )
})
