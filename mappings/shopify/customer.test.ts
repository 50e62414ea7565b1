import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import {
  alpenglowCustomers,
  annaMuellerB2b,
  jonasBecker,
  lenaSchneider,
  sophieWagner,
} from "../../connectors/shopify/fixtures/customers.ts"
import { decodeRecord, encodeRecord } from "../../core/mapping/index.ts"
import { customerMapping } from "./customer.ts"
import { alpenglowContext, readRoundTrip } from "./testing.ts"

const ctx = alpenglowContext()

describe("Shopify customer mapping", () => {
  it.effect("reads a confirmed e-mail opt-in with its timestamp, tags as segments", () =>
    Effect.gen(function* () {
      const lena = yield* decodeRecord(customerMapping, ctx, lenaSchneider, "lena")
      expect(lena).toEqual({
        email: "lena.schneider@example.de",
        additionalEmails: [],
        firstName: "Lena",
        lastName: "Schneider",
        phones: [{ number: "+4915112345678" }],
        addresses: [
          {
            firstName: "Lena",
            lastName: "Schneider",
            line1: "Eppendorfer Weg 87",
            city: "Hamburg",
            postalCode: "20259",
            region: "HH",
            countryCode: "DE",
            phone: "+4915112345678",
            kind: "shipping",
            isDefault: true,
          },
        ],
        consents: [
          {
            channel: "email",
            purpose: "marketing",
            granted: true,
            at: "2024-03-02T08:15:00Z",
            source: "shopify:confirmed_opt_in",
          },
        ],
        segments: ["newsletter", "vip"],
        attributes: {},
        updatedAt: "2025-01-10T14:02:11Z",
      })
    }),
  )

  it.effect("reads a withdrawn e-mail consent and a granted SMS consent", () =>
    Effect.gen(function* () {
      const jonas = yield* decodeRecord(customerMapping, ctx, jonasBecker, "jonas")
      expect(jonas.consents).toEqual([
        {
          channel: "email",
          purpose: "marketing",
          granted: false,
          at: "2024-09-10T19:44:03Z",
          source: "shopify:single_opt_in",
        },
        {
          channel: "sms",
          purpose: "marketing",
          granted: true,
          at: "2024-06-01T12:00:00Z",
          source: "shopify:single_opt_in",
        },
      ])
      expect(jonas.attributes).toEqual({ note: "Prefers pickup in Berlin Mitte." })
    }),
  )

  it.effect("reads a B2B contact's company and marks only the default address as default", () =>
    Effect.gen(function* () {
      const anna = yield* decodeRecord(customerMapping, ctx, annaMuellerB2b, "anna")
      expect(anna.company).toEqual({ name: "Bergsport Müller GmbH", companyNumber: "K-10042" })
      expect(anna.addresses.map((a) => [a.city, a.isDefault])).toEqual([
        ["München", true],
        ["Garching bei München", false],
      ])
      expect(anna.segments).toEqual(["B2B", "Wholesale"])
    }),
  )

  it.effect("normalises the e-mail and reads no consent from a never-subscribed customer", () =>
    Effect.gen(function* () {
      const sophie = yield* decodeRecord(customerMapping, ctx, sophieWagner, "sophie")
      expect(sophie.email).toBe("sophie.wagner@example.at")
      expect(sophie.consents).toEqual([])
    }),
  )

  it.effect("round-trips every fixture customer", () =>
    Effect.gen(function* () {
      for (const fixture of alpenglowCustomers) {
        const { canonical, again } = yield* readRoundTrip(customerMapping, ctx, fixture)
        expect(again).toEqual(canonical)
      }
    }),
  )

  it.effect("fails at the consent's path when a granted consent has no timestamp", () =>
    Effect.gen(function* () {
      const undated = {
        ...lenaSchneider,
        emailMarketingConsent: {
          marketingState: "SUBSCRIBED",
          marketingOptInLevel: "SINGLE_OPT_IN",
          consentUpdatedAt: null,
        },
      }
      const error = yield* Effect.flip(decodeRecord(customerMapping, ctx, undated, "lena"))
      expect(error.issues.map((i) => i.path)).toEqual(["$.emailMarketingConsent.consentUpdatedAt"])
    }),
  )

  it.effect("writes a CustomerInput with the default address first and the latest consents", () =>
    Effect.gen(function* () {
      const anna = yield* decodeRecord(customerMapping, ctx, annaMuellerB2b, "anna")
      const input = yield* encodeRecord(customerMapping, ctx, anna, "email:einkauf@bergsport-mueller.de")
      expect(input).toMatchObject({
        email: "einkauf@bergsport-mueller.de",
        firstName: "Anna",
        tags: ["B2B", "Wholesale"],
        note: "Net 30. Invoice to Buchhaltung.",
        emailMarketingConsent: {
          marketingState: "SUBSCRIBED",
          marketingOptInLevel: "SINGLE_OPT_IN",
          consentUpdatedAt: "2024-11-05T10:00:00Z",
        },
      })
      expect(input.addresses.map((a) => a.city)).toEqual(["München", "Garching bei München"])
      const again = yield* decodeRecord({ entity: "customer", read: customerMapping.write! }, ctx, input, "anna")
      // CustomerInput cannot carry a company; everything else comes back.
      const { company: _company, ...rest } = anna
      expect(again).toEqual({ ...rest, updatedAt: "1970-01-01T00:00:00Z" })
    }),
  )
})
