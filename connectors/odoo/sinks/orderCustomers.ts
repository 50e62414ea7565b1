/**
 * The partners of a batch of orders: the customer found by reference or e-mail (created when
 * absent, once per customer however many of its orders the batch holds), and the invoice and
 * delivery addresses as its child partners (reused when one with the same address exists).
 */
import { Effect } from "effect"
import type { ConnectorError } from "../../../core/connector/errors.ts"
import type { PartnerAddressPayload } from "../schemas/partner.ts"
import type { SaleOrderPayload } from "../schemas/saleOrderPayload.ts"
import { createAll, type Rejected, rejected, type Target } from "./batch.ts"
import { type AddressFields, addressVals, isSameAddress, isUnwritable, partnerVals } from "./partnerValues.ts"
import { childAddresses, emailKey, partnersByRefOrEmail } from "./references.ts"

/** The partner ids an order needs, or why it cannot have them. */
export type OrderCustomer =
  | { readonly ok: true; readonly partner: number; readonly invoice: number; readonly shipping: number }
  | Rejected

interface Order {
  readonly key: string
  readonly payload: SaleOrderPayload
}

const identityOf = (order: Order): string => {
  const { ref, email } = order.payload.customer
  if (ref !== false) return `no:${ref}`
  if (email !== false) return `email:${emailKey(email)}`
  return `order:${order.key}`
}

/** The partner, invoice and delivery address ids of each order of a batch, or why an order cannot have them. */
export const orderCustomers = (
  target: Target,
  orders: ReadonlyArray<Order>,
  countries: ReadonlyMap<string, number>,
): Effect.Effect<ReadonlyMap<string, OrderCustomer>, ConnectorError> =>
  Effect.gen(function* () {
    const result = new Map<string, OrderCustomer>()
    const { byRef, byEmail } = yield* partnersByRefOrEmail(
      target,
      orders.flatMap((o) => (o.payload.customer.ref === false ? [] : [o.payload.customer.ref])),
      orders.flatMap((o) => (o.payload.customer.email === false ? [] : [o.payload.customer.email])),
    )
    // Who each customer is, and the address it has of its own (for reusing it as invoice/delivery address).
    const partners = new Map<string, { id: number; address: AddressFields }>()
    const toCreate = new Map<string, { key: string; vals: Record<string, unknown>; orders: Array<string> }>()
    for (const order of orders) {
      const { ref, email, partner } = order.payload.customer
      const found =
        (ref === false ? undefined : byRef.get(ref)) ?? (email === false ? undefined : byEmail.get(emailKey(email)))
      const identity = identityOf(order)
      if (found !== undefined) {
        partners.set(identity, { id: found.id, address: found })
        continue
      }
      const pending = toCreate.get(identity)
      if (pending !== undefined) {
        pending.orders.push(order.key)
        continue
      }
      const vals = partnerVals(partner, countries)
      if (isUnwritable(vals)) {
        result.set(order.key, rejected(target, order.key, vals.reason, `$.customer.partner${vals.path.slice(1)}`))
        continue
      }
      toCreate.set(identity, { key: identity, vals: { ...vals, customer_rank: 1 }, orders: [order.key] })
    }
    for (const created of yield* createAll(target, "res.partner", [...toCreate.values()])) {
      const pending = toCreate.get(created.key)
      if (created.ok) {
        const first = orders.find((o) => identityOf(o) === created.key)
        if (first !== undefined) partners.set(created.key, { id: created.id, address: first.payload.customer.partner })
      } else {
        for (const orderKey of pending?.orders ?? []) {
          result.set(orderKey, rejected(target, orderKey, `the customer could not be created: ${created.error.reason}`))
        }
      }
    }

    // Invoice and delivery addresses: the customer itself, an existing child, or a new child.
    const known = yield* childAddresses(
      target,
      [...partners.values()].map((p) => p.id),
    )
    const newChildren = new Map<string, { key: string; vals: Record<string, unknown> }>()
    const addressIds = new Map<string, number>()
    const addressKey = (partner: number, address: PartnerAddressPayload) =>
      [
        partner,
        address.type,
        address.name,
        address.street,
        address.street2,
        address.zip,
        address.city,
        address.country_code,
      ].join("|")
    const plan = new Map<string, { partner: number; invoice: string | number; shipping: string | number }>()
    for (const order of orders) {
      if (result.has(order.key)) continue
      const customer = partners.get(identityOf(order))
      if (customer === undefined) continue
      const place = (address: PartnerAddressPayload | false, field: string): string | number | undefined => {
        if (address === false || isSameAddress(customer.address, address, true)) return customer.id
        const child = known.find(
          (c) =>
            c.parent_id !== false &&
            c.parent_id[0] === customer.id &&
            c.type === address.type &&
            isSameAddress(c, address),
        )
        if (child !== undefined) return child.id
        const key = addressKey(customer.id, address)
        if (!newChildren.has(key)) {
          const vals = addressVals(address, countries, `$.${field}`, customer.id)
          if (isUnwritable(vals)) {
            result.set(order.key, rejected(target, order.key, vals.reason, vals.path))
            return undefined
          }
          newChildren.set(key, { key, vals })
        }
        return key
      }
      const invoice = place(order.payload.invoice_address, "invoice_address")
      const shipping = place(order.payload.shipping_address, "shipping_address")
      if (invoice !== undefined && shipping !== undefined)
        plan.set(order.key, { partner: customer.id, invoice, shipping })
    }
    for (const created of yield* createAll(target, "res.partner", [...newChildren.values()])) {
      if (created.ok) addressIds.set(created.key, created.id)
    }
    for (const [orderKey, p] of plan) {
      const resolve = (ref: string | number) => (typeof ref === "number" ? ref : addressIds.get(ref))
      const invoice = resolve(p.invoice)
      const shipping = resolve(p.shipping)
      result.set(
        orderKey,
        invoice === undefined || shipping === undefined
          ? rejected(target, orderKey, "an address of the order could not be created in Odoo")
          : { ok: true, partner: p.partner, invoice, shipping },
      )
    }
    return result
  })
