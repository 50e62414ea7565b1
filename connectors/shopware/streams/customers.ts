/**
 * Customers (`POST /api/search/customer`) with addresses and group, each with the shop's
 * `newsletter_recipient` for its e-mail (`POST /api/search/newsletter-recipient`), which holds
 * the newsletter consent since Shopware 6.5 removed `customer.newsletter`.
 */
import { Effect } from "effect"
import { type ConnectorError, defineStream } from "../../../core/connector/index.ts"
import { type ShopwareContext, search } from "../client.ts"
import type { ShopwareConfig } from "../config.ts"
import {
  NewsletterRecipient,
  type ShopwareCustomer,
  ShopwareCustomer as ShopwareCustomerSchema,
} from "../schemas/customer.ts"
import { incrementalSearch, positionOfStamped, searchByIds } from "./search.ts"

const ASSOCIATIONS = { addresses: { associations: { country: {}, countryState: {} } }, group: {} }

/** Attaches each customer's newsletter recipient (matched by e-mail, case-insensitively). */
const withNewsletter = (
  ctx: ShopwareContext,
  customers: ReadonlyArray<ShopwareCustomer>,
): Effect.Effect<ReadonlyArray<ShopwareCustomer>, ConnectorError> =>
  Effect.gen(function* () {
    const emails = [...new Set(customers.map((c) => c.email))]
    const recipients = yield* search(
      ctx,
      "newsletter-recipient",
      { filter: [{ type: "equalsAny", field: "email", value: emails }], limit: emails.length * 2 },
      NewsletterRecipient,
    )
    const byEmail = new Map(recipients.map((r) => [r.email.toLowerCase(), r]))
    return customers.map((c) => ({ ...c, newsletterRecipient: byEmail.get(c.email.toLowerCase()) ?? null }))
  })

export const customersStream = defineStream<ShopwareConfig, ShopwareCustomer>({
  entity: "customer",
  description: "customers with addresses, B2B company and VAT ids, and newsletter consent",
  incremental: true,
  idOf: (raw) => raw.id,
  positionOf: positionOfStamped,
  read: (ctx, options) =>
    incrementalSearch(ctx, "customer", ShopwareCustomerSchema, options, { associations: ASSOCIATIONS }, (page) =>
      withNewsletter(ctx, page),
    ),
  readByIds: (ctx, ids) =>
    searchByIds(ctx, "customer", ShopwareCustomerSchema, ids, { associations: ASSOCIATIONS }).pipe(
      Effect.flatMap((customers) =>
        customers.length === 0 ? Effect.succeed(customers) : withNewsletter(ctx, customers),
      ),
    ),
})
