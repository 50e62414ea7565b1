/**
 * What trytond 6.0 computes and does besides storing, for the models the sandbox keeps:
 * function fields (variant code, stock quantities per location, sale totals, shipment moves),
 * defaults and sequences, and the buttons the connector and its test helpers press (sale
 * quote/confirm with its synchronous processing into a customer shipment; shipment
 * assign_try/pick/pack/done; inventory confirm). Transitions skip records in the wrong state
 * silently, as `Workflow.transition` does.
 */
import { SandboxForbidden, SandboxUserError } from "./errors.ts"
import type { Context, Row, Store } from "./store.ts"
import { wireDate, wireDecimal } from "./values.ts"

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v)
const num = (v: unknown): number =>
  typeof v === "number" ? v : isRecord(v) && typeof v.decimal === "string" ? Number(v.decimal) : 0
const idOf = (v: unknown): number | undefined => (typeof v === "number" ? v : undefined)

/** The ids of a location and every location below it. */
export const withChildren = (store: Store, ids: ReadonlyArray<number>): Set<number> => {
  const found = new Set(ids)
  let grew = true
  while (grew) {
    grew = false
    for (const row of store.table("stock.location").values()) {
      const parent = idOf(row.parent)
      if (parent !== undefined && found.has(parent) && !found.has(row.id)) {
        found.add(row.id)
        grew = true
      }
    }
  }
  return found
}

/** Quantity in `locations` (done moves) and forecast (plus draft/assigned moves), as product.product computes them. */
const quantities = (store: Store, product: number, context: Context) => {
  const given = Array.isArray(context.locations)
    ? context.locations.filter((l): l is number => typeof l === "number")
    : []
  const locations = context.with_childs === false ? new Set(given) : withChildren(store, given)
  let quantity = 0
  let forecast = 0
  for (const move of store.table("stock.move").values()) {
    if (move.product !== product || move.state === "cancelled") continue
    const into = locations.has(idOf(move.to_location) ?? 0)
    const outOf = locations.has(idOf(move.from_location) ?? 0)
    if (into === outOf) continue
    const delta = into ? num(move.quantity) : -num(move.quantity)
    if (move.state === "done") quantity += delta
    forecast += delta
  }
  return { quantity, forecast }
}

const movesOfShipment = (store: Store, shipment: number) =>
  [...store.table("stock.move").values()].filter((m) => m.shipment === `stock.shipment.out,${shipment}`)

const outputOf = (store: Store, warehouse: unknown) =>
  idOf(store.row("stock.location", idOf(warehouse) ?? 0)?.output_location)

const saleLinesOf = (store: Store, sale: number) =>
  [...store.table("sale.line").values()].filter((l) => l.sale === sale)

const money = (value: number) => value.toFixed(2)

/** Function fields. */
export const compute = (store: Store, model: string, row: Row, field: string, context: Context): unknown => {
  if (field === "rec_name") return typeof row.name === "string" ? row.name : String(row.id)
  if (model === "product.product") {
    const template = store.row("product.template", idOf(row.template) ?? 0)
    if (field === "code") {
      const code = `${template?.code ?? ""}${row.suffix_code ?? ""}`
      return code === "" ? null : code
    }
    if (field === "name") return template?.name ?? null
    if (field === "type") return template?.type ?? null
    if (field === "list_price") return template?.list_price ?? null
    if (field === "default_uom") return template?.default_uom ?? null
    const { quantity, forecast } = quantities(store, row.id, context)
    if (field === "quantity") return quantity
    if (field === "forecast_quantity") return forecast
  }
  if (model === "party.party" && (field === "email" || field === "phone")) {
    const mechanism = [...store.table("party.contact_mechanism").values()].find(
      (m) => m.party === row.id && m.type === field,
    )
    return mechanism?.value ?? ""
  }
  if (model === "stock.location" && field === "warehouse") {
    let current: Row | undefined = row
    while (current !== undefined && current.type !== "warehouse")
      current = store.row("stock.location", idOf(current.parent) ?? 0)
    return current?.id ?? null
  }
  if (model === "stock.shipment.out") {
    const moves = movesOfShipment(store, row.id)
    const output = outputOf(store, row.warehouse)
    if (field === "moves") return moves.map((m) => m.id).sort((a, b) => b - a)
    if (field === "outgoing_moves") return moves.filter((m) => m.from_location === output).map((m) => m.id)
    if (field === "inventory_moves") return moves.filter((m) => m.to_location === output).map((m) => m.id)
    if (field === "origins") {
      const sales = new Set(
        moves.flatMap((m) => {
          const line = store.row("sale.line", Number(/^sale\.line,(\d+)$/.exec(String(m.origin))?.[1] ?? 0))
          const sale = line === undefined ? undefined : store.row("sale.sale", idOf(line.sale) ?? 0)
          return sale === undefined ? [] : [`${sale.number ?? sale.id}${sale.reference ? ` [${sale.reference}]` : ""}`]
        }),
      )
      return [...sales].join(", ") || null
    }
  }
  if (model === "sale.line") {
    if (field === "amount") return wireDecimal(money(num(row.quantity) * num(row.unit_price)))
    if (field === "moves")
      return [...store.table("stock.move").values()].filter((m) => m.origin === `sale.line,${row.id}`).map((m) => m.id)
  }
  if (model === "sale.sale") {
    const lines = saleLinesOf(store, row.id)
    const untaxed = lines.reduce((sum, l) => sum + num(l.quantity) * num(l.unit_price), 0)
    if (field === "untaxed_amount" || field === "total_amount") return wireDecimal(money(untaxed))
    if (field === "tax_amount") return wireDecimal("0")
    const lineRefs = new Set(lines.map((l) => `sale.line,${l.id}`))
    const moves = [...store.table("stock.move").values()].filter((m) => lineRefs.has(String(m.origin)))
    if (field === "moves") return moves.map((m) => m.id)
    if (field === "shipments") {
      return [
        ...new Set(moves.flatMap((m) => (typeof m.shipment === "string" ? [Number(m.shipment.split(",")[1])] : []))),
      ]
    }
  }
  return null
}

const SEQUENCED: Readonly<Record<string, string>> = {
  "party.party": "code",
  "sale.sale": "number",
  "stock.shipment.out": "number",
}

/** Field defaults of new records. */
export const defaults =
  (store: Store) =>
  (model: string): Record<string, unknown> => {
    const def = store.modelDef(model)
    const out: Record<string, unknown> = {}
    if (def.fields.active !== undefined) out.active = 1
    if (model === "product.template") Object.assign(out, { salable: 0, type: "goods" })
    if (model === "party.party") out.code = nextNumber(store, model)
    if (model === "stock.move") Object.assign(out, { state: "draft" })
    if (model === "stock.inventory") Object.assign(out, { state: "draft" })
    if (model === "sale.sale") {
      Object.assign(out, {
        state: "draft",
        shipment_state: "none",
        invoice_state: "none",
        invoice_method: "order",
        shipment_method: "order",
      })
    }
    return out
  }

/** The next number of a model's sequence, counting what exists (trytond's ir.sequence starts at 1). */
const nextNumber = (store: Store, model: string): string => {
  const field = SEQUENCED[model] ?? "id"
  const numbers = [...store.table(model).values()].map((r) => Number(r[field])).filter(Number.isFinite)
  return String(Math.max(0, ...numbers) + 1)
}

const today = () => wireDate(new Date())

const inState = (store: Store, model: string, ids: ReadonlyArray<number>, states: ReadonlyArray<string>) =>
  ids.flatMap((id) => {
    const row = store.row(model, id)
    if (row === undefined) throw new SandboxUserError(`Missing record "${model}" ${id}.`)
    return states.includes(String(row.state)) ? [row] : []
  })

/** Confirmed sale → its customer shipment with an inventory move (storage → output) and an outgoing move (output → customer) per goods line. */
const process = (store: Store, sale: Row): void => {
  const warehouse = store.row("stock.location", idOf(sale.warehouse) ?? 0)
  const customer = [...store.table("stock.location").values()].find((l) => l.type === "customer")
  const goods = saleLinesOf(store, sale.id).filter((l) => {
    const product = store.row("product.product", idOf(l.product) ?? 0)
    return product !== undefined && store.row("product.template", idOf(product.template) ?? 0)?.type === "goods"
  })
  if (warehouse !== undefined && customer !== undefined && goods.length > 0) {
    const [shipment] = store.create("stock.shipment.out", [
      {
        number: nextNumber(store, "stock.shipment.out"),
        state: "waiting",
        company: sale.company,
        customer: sale.party,
        delivery_address: sale.shipment_address,
        warehouse: warehouse.id,
        planned_date: today(),
      },
    ])
    const reference = `stock.shipment.out,${shipment}`
    for (const line of goods) {
      const common = {
        product: line.product,
        uom: line.unit,
        quantity: line.quantity,
        company: sale.company,
        shipment: reference,
        planned_date: today(),
      }
      store.create("stock.move", [
        {
          ...common,
          from_location: warehouse.output_location,
          to_location: customer.id,
          origin: `sale.line,${line.id}`,
          unit_price: line.unit_price,
        },
      ])
      store.create("stock.move", [
        { ...common, from_location: warehouse.storage_location, to_location: warehouse.output_location },
      ])
    }
  }
  store.write("sale.sale", [sale.id], { state: "processing", shipment_state: goods.length > 0 ? "waiting" : "none" })
}

const finishSales = (store: Store, shipment: Row): void => {
  for (const move of movesOfShipment(store, shipment.id)) {
    const line = store.row("sale.line", Number(/^sale\.line,(\d+)$/.exec(String(move.origin))?.[1] ?? 0))
    if (line !== undefined) store.write("sale.sale", [idOf(line.sale) ?? 0], { state: "done", shipment_state: "sent" })
  }
}

/** A button or workflow method; the answer is what trytond returns (mostly null). */
export const press = (store: Store, model: string, method: string, ids: ReadonlyArray<number>): unknown => {
  const buttons = store.modelDef(model).buttons ?? []
  if (!buttons.includes(method)) throw new SandboxForbidden(`${model}.${method}`)
  if (model === "sale.sale" && method === "quote") {
    for (const sale of inState(store, model, ids, ["draft"])) {
      if (saleLinesOf(store, sale.id).length === 0)
        throw new SandboxUserError(`To quote sale "${sale.id}" you must add lines.`)
      store.write(model, [sale.id], { state: "quotation", number: sale.number ?? nextNumber(store, model) })
    }
    return null
  }
  if (model === "sale.sale" && method === "confirm") {
    for (const sale of inState(store, model, ids, ["quotation"])) {
      store.write(model, [sale.id], { state: "confirmed" })
      process(store, { ...sale, state: "confirmed" })
    }
    return null
  }
  if (model === "stock.shipment.out") return pressShipment(store, method, ids)
  if (model === "stock.inventory" && method === "confirm") {
    for (const inventory of inState(store, model, ids, ["draft"])) {
      const location = idOf(inventory.location) ?? 0
      const lostFound = [...store.table("stock.location").values()].find((l) => l.type === "lost_found")
      for (const line of [...store.table("stock.inventory.line").values()].filter(
        (l) => l.inventory === inventory.id,
      )) {
        const product = idOf(line.product) ?? 0
        const { quantity: current } = quantities(store, product, { locations: [location], with_childs: false })
        const delta = num(line.quantity) - current
        if (delta === 0 || lostFound === undefined) continue
        const template = store.row("product.template", idOf(store.row("product.product", product)?.template) ?? 0)
        store.create("stock.move", [
          {
            product,
            uom: template?.default_uom,
            quantity: Math.abs(delta),
            from_location: delta > 0 ? lostFound.id : location,
            to_location: delta > 0 ? location : lostFound.id,
            company: inventory.company,
            state: "done",
            effective_date: inventory.date,
            origin: `stock.inventory.line,${line.id}`,
          },
        ])
      }
      store.write(model, [inventory.id], { state: "done" })
    }
    return null
  }
  return null
}

const pressShipment = (store: Store, method: string, ids: ReadonlyArray<number>): unknown => {
  const model = "stock.shipment.out"
  const setMoves = (
    shipment: Row,
    which: "inventory" | "outgoing",
    state: string,
    extra: Record<string, unknown> = {},
  ) => {
    const output = outputOf(store, shipment.warehouse)
    const moves = movesOfShipment(store, shipment.id).filter((m) =>
      which === "inventory" ? m.to_location === output : m.from_location === output,
    )
    if (moves.length > 0)
      store.write(
        "stock.move",
        moves.map((m) => m.id),
        { state, ...extra },
      )
  }
  if (method === "assign_try" || method === "assign_force") {
    let all = true
    for (const shipment of inState(store, model, ids, ["waiting"])) {
      const output = outputOf(store, shipment.warehouse)
      const inventoryMoves = movesOfShipment(store, shipment.id).filter((m) => m.to_location === output)
      const available = inventoryMoves.every(
        (m) =>
          quantities(store, idOf(m.product) ?? 0, { locations: [idOf(m.from_location) ?? 0] }).quantity >=
          num(m.quantity),
      )
      if (!available && method === "assign_try") {
        all = false
        continue
      }
      setMoves(shipment, "inventory", "assigned")
      store.write(model, [shipment.id], { state: "assigned" })
    }
    return method === "assign_try" ? all : null
  }
  if (method === "pick") {
    for (const shipment of inState(store, model, ids, ["assigned"])) {
      setMoves(shipment, "inventory", "done", { effective_date: today() })
      store.write(model, [shipment.id], { state: "picked" })
    }
    return null
  }
  if (method === "pack") {
    for (const shipment of inState(store, model, ids, ["picked", "assigned"])) {
      setMoves(shipment, "inventory", "done", { effective_date: today() })
      setMoves(shipment, "outgoing", "assigned")
      store.write(model, [shipment.id], { state: "packed" })
    }
    return null
  }
  if (method === "done") {
    for (const shipment of inState(store, model, ids, ["packed"])) {
      setMoves(shipment, "outgoing", "done", { effective_date: today() })
      store.write(model, [shipment.id], { state: "done", effective_date: today() })
      finishSales(store, shipment)
    }
    return null
  }
  if (method === "cancel") {
    for (const shipment of inState(store, model, ids, ["draft", "waiting", "assigned", "picked", "packed"])) {
      store.write(
        "stock.move",
        movesOfShipment(store, shipment.id).map((m) => m.id),
        { state: "cancelled" },
      )
      store.write(model, [shipment.id], { state: "cancelled" })
    }
  }
  return null
}
