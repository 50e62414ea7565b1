/**
 * The default `order_delivery.state` machine: open → shipped / shipped_partially / cancelled,
 * shipped_partially → shipped / returned_partially / cancelled, shipped → returned /
 * returned_partially, cancelled → open. An impossible transition is refused with the possible ones.
 */
import { createHash } from "node:crypto"
import type { SandboxError } from "./errors.ts"
import { type ShopwareSandboxState, shopwareNow } from "./state.ts"

const MACHINE: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  open: { ship: "shipped", ship_partially: "shipped_partially", cancel: "cancelled" },
  shipped_partially: { ship: "shipped", retour_partially: "returned_partially", cancel: "cancelled" },
  shipped: { retour: "returned", retour_partially: "returned_partially" },
  returned_partially: { retour: "returned" },
  cancelled: { reopen: "open" },
  returned: {},
}

export type TransitionResult =
  | { readonly ok: true; readonly technicalName: string; readonly stateId: string }
  | { readonly ok: false; readonly status: number; readonly error: SandboxError }

export const transitionDelivery = (state: ShopwareSandboxState, id: string, transition: string): TransitionResult => {
  const delivery = state.table("order_delivery").get(id)
  if (delivery === undefined) {
    return {
      ok: false,
      status: 404,
      error: {
        status: "404",
        code: "FRAMEWORK__ENTITY_NOT_FOUND",
        title: "Not Found",
        detail: `order_delivery for id ${id} not found.`,
      },
    }
  }
  const current =
    typeof delivery.stateMachineState === "object" &&
    delivery.stateMachineState !== null &&
    "technicalName" in delivery.stateMachineState
      ? String(delivery.stateMachineState.technicalName)
      : "open"
  const possible = MACHINE[current] ?? {}
  const next = possible[transition]
  if (next === undefined) {
    return {
      ok: false,
      status: 400,
      error: {
        status: "400",
        code: "SYSTEM__ILLEGAL_STATE_TRANSITION",
        title: "Bad Request",
        detail: `Illegal transition "${transition}" from state "${current}". Possible transitions are: ${Object.keys(possible).join(", ")}`,
      },
    }
  }
  const now = shopwareNow()
  const updated = { ...delivery, stateMachineState: { technicalName: next }, updatedAt: now }
  state.table("order_delivery").set(id, updated)
  const order = state.table("order").get(String(delivery.orderId))
  if (order !== undefined && Array.isArray(order.deliveries)) {
    order.deliveries = order.deliveries.map((d) =>
      typeof d === "object" && d !== null && "id" in d && d.id === id
        ? { ...d, stateMachineState: { technicalName: next } }
        : d,
    )
    order.updatedAt = now
  }
  return { ok: true, technicalName: next, stateId: createHash("md5").update(`state:${next}`).digest("hex") }
}
