/**
 * The slice of Tryton 6.0's data model the sandbox keeps: the models the connector and its test
 * helpers use, with the fields they read, write and search, named and typed as in trytond.
 * `function` fields are computed on read (workflow.ts); one2many fields are the inverse of a
 * many2one on the target.
 */

/** A field's kind, as trytond's `fields.*` classes. */
export type FieldDef =
  | { readonly type: "char" | "text" | "selection" | "reference"; readonly required?: boolean; readonly label: string }
  | {
      readonly type: "boolean" | "integer" | "float" | "decimal" | "date" | "datetime"
      readonly required?: boolean
      readonly label: string
    }
  | { readonly type: "many2one"; readonly target: string; readonly required?: boolean; readonly label: string }
  | { readonly type: "one2many"; readonly target: string; readonly inverse: string; readonly label: string }
  | { readonly type: "function"; readonly label: string }

/** A model: its label (for messages) and fields. */
export interface ModelDef {
  readonly label: string
  readonly fields: Readonly<Record<string, FieldDef>>
  /** Selection fields and their allowed values. */
  readonly selections?: Readonly<Record<string, ReadonlyArray<string>>>
  /** Buttons and other methods the model exposes over RPC besides the ORM's. */
  readonly buttons?: ReadonlyArray<string>
}

const char = (label: string, required = false): FieldDef => ({ type: "char", label, required })
const m2o = (target: string, label: string, required = false): FieldDef => ({
  type: "many2one",
  target,
  label,
  required,
})
const o2m = (target: string, inverse: string, label: string): FieldDef => ({ type: "one2many", target, inverse, label })
const fn = (label: string): FieldDef => ({ type: "function", label })
const typed = (
  type: "boolean" | "integer" | "float" | "decimal" | "date" | "datetime",
  label: string,
  required = false,
): FieldDef => ({
  type,
  label,
  required,
})
const selection = (label: string, required = false): FieldDef => ({ type: "selection", label, required })

const audit = {
  create_date: typed("datetime", "Created at"),
  write_date: typed("datetime", "Edited at"),
  rec_name: fn("Record Name"),
}

/** Every model the sandbox knows, by name. */
export const MODELS: Readonly<Record<string, ModelDef>> = {
  "res.user": {
    label: "User",
    fields: {
      ...audit,
      login: char("Login", true),
      name: char("Name"),
      company: m2o("company.company", "Current Company"),
    },
  },
  "company.company": {
    label: "Company",
    fields: {
      ...audit,
      party: m2o("party.party", "Party", true),
      currency: m2o("currency.currency", "Currency", true),
    },
  },
  "currency.currency": {
    label: "Currency",
    fields: {
      ...audit,
      name: char("Name", true),
      code: char("Code", true),
      symbol: char("Symbol"),
      digits: typed("integer", "Digits"),
      rounding: typed("decimal", "Rounding factor"),
    },
  },
  "country.country": { label: "Country", fields: { ...audit, name: char("Name", true), code: char("Code") } },
  "product.uom": {
    label: "Unit of Measure",
    fields: { ...audit, name: char("Name", true), symbol: char("Symbol", true) },
  },
  "product.template": {
    label: "Product Template",
    fields: {
      ...audit,
      name: char("Name", true),
      code: char("Code"),
      type: selection("Type", true),
      salable: typed("boolean", "Salable"),
      active: typed("boolean", "Active"),
      list_price: typed("decimal", "List Price", true),
      default_uom: m2o("product.uom", "Default UOM", true),
      sale_uom: m2o("product.uom", "Sale UOM"),
      products: o2m("product.product", "template", "Variants"),
    },
    selections: { type: ["goods", "assets", "service"] },
  },
  "product.product": {
    label: "Variant",
    fields: {
      ...audit,
      template: m2o("product.template", "Product Template", true),
      suffix_code: char("Suffix Code"),
      code: fn("Code"),
      name: fn("Name"),
      type: fn("Type"),
      description: { type: "text", label: "Description" },
      active: typed("boolean", "Active"),
      cost_price: typed("decimal", "Cost Price"),
      list_price: fn("List Price"),
      default_uom: fn("Default UOM"),
      quantity: fn("Quantity"),
      forecast_quantity: fn("Forecast Quantity"),
    },
  },
  "party.party": {
    label: "Party",
    fields: {
      ...audit,
      name: char("Name", true),
      code: char("Code"),
      active: typed("boolean", "Active"),
      lang: m2o("ir.lang", "Language"),
      addresses: o2m("party.address", "party", "Addresses"),
      contact_mechanisms: o2m("party.contact_mechanism", "party", "Contact Mechanisms"),
      email: fn("E-Mail"),
      phone: fn("Phone"),
    },
  },
  "party.address": {
    label: "Address",
    fields: {
      ...audit,
      party: m2o("party.party", "Party", true),
      name: char("Building Name"),
      street: { type: "text", label: "Street" },
      postal_code: char("Postal Code"),
      city: char("City"),
      country: m2o("country.country", "Country"),
      subdivision: m2o("country.subdivision", "Subdivision"),
      active: typed("boolean", "Active"),
      sequence: typed("integer", "Sequence"),
    },
  },
  "party.contact_mechanism": {
    label: "Contact Mechanism",
    fields: {
      ...audit,
      party: m2o("party.party", "Party", true),
      type: selection("Type", true),
      value: char("Value"),
      active: typed("boolean", "Active"),
      sequence: typed("integer", "Sequence"),
    },
    selections: { type: ["phone", "mobile", "fax", "email", "website", "skype", "sip", "irc", "jabber", "other"] },
  },
  "stock.location": {
    label: "Stock Location",
    fields: {
      ...audit,
      name: char("Name", true),
      code: char("Code"),
      type: selection("Location type"),
      parent: m2o("stock.location", "Parent"),
      childs: o2m("stock.location", "parent", "Children"),
      active: typed("boolean", "Active"),
      warehouse: fn("Warehouse"),
      input_location: m2o("stock.location", "Input"),
      output_location: m2o("stock.location", "Output"),
      storage_location: m2o("stock.location", "Storage"),
      lost_found_location: m2o("stock.location", "Lost and Found"),
    },
    selections: { type: ["supplier", "customer", "lost_found", "warehouse", "storage", "production", "drop", "view"] },
  },
  "stock.move": {
    label: "Stock Move",
    fields: {
      ...audit,
      product: m2o("product.product", "Product", true),
      uom: m2o("product.uom", "Uom", true),
      quantity: typed("float", "Quantity", true),
      from_location: m2o("stock.location", "From Location", true),
      to_location: m2o("stock.location", "To Location", true),
      state: selection("State"),
      origin: { type: "reference", label: "Origin" },
      shipment: { type: "reference", label: "Shipment" },
      effective_date: typed("date", "Effective Date"),
      planned_date: typed("date", "Planned Date"),
      company: m2o("company.company", "Company", true),
      unit_price: typed("decimal", "Unit Price"),
    },
    selections: { state: ["staging", "draft", "assigned", "done", "cancelled"] },
  },
  "stock.inventory": {
    label: "Stock Inventory",
    fields: {
      ...audit,
      location: m2o("stock.location", "Location", true),
      date: typed("date", "Date", true),
      company: m2o("company.company", "Company", true),
      state: selection("State"),
      lines: o2m("stock.inventory.line", "inventory", "Lines"),
    },
    buttons: ["confirm"],
  },
  "stock.inventory.line": {
    label: "Stock Inventory Line",
    fields: {
      ...audit,
      inventory: m2o("stock.inventory", "Inventory", true),
      product: m2o("product.product", "Product", true),
      quantity: typed("float", "Quantity"),
    },
  },
  "stock.shipment.out": {
    label: "Customer Shipment",
    fields: {
      ...audit,
      number: char("Number"),
      reference: char("Reference"),
      state: selection("State"),
      company: m2o("company.company", "Company", true),
      customer: m2o("party.party", "Customer", true),
      delivery_address: m2o("party.address", "Delivery Address", true),
      warehouse: m2o("stock.location", "Warehouse", true),
      effective_date: typed("date", "Effective Date"),
      planned_date: typed("date", "Planned Date"),
      moves: fn("Moves"),
      outgoing_moves: fn("Outgoing Moves"),
      inventory_moves: fn("Inventory Moves"),
      origins: fn("Origins"),
    },
    buttons: ["assign_try", "assign_force", "pick", "pack", "done", "cancel"],
  },
  "sale.sale": {
    label: "Sale",
    fields: {
      ...audit,
      number: char("Number"),
      reference: char("Reference"),
      description: char("Description"),
      comment: { type: "text", label: "Comment" },
      state: selection("State"),
      company: m2o("company.company", "Company", true),
      party: m2o("party.party", "Party", true),
      currency: m2o("currency.currency", "Currency", true),
      warehouse: m2o("stock.location", "Warehouse"),
      invoice_address: m2o("party.address", "Invoice Address"),
      shipment_address: m2o("party.address", "Shipment Address"),
      invoice_method: selection("Invoice Method", true),
      shipment_method: selection("Shipment Method", true),
      sale_date: typed("date", "Sale Date"),
      shipment_state: selection("Shipment State"),
      invoice_state: selection("Invoice State"),
      lines: o2m("sale.line", "sale", "Lines"),
      shipments: fn("Shipments"),
      moves: fn("Moves"),
      untaxed_amount: fn("Untaxed"),
      tax_amount: fn("Tax"),
      total_amount: fn("Total"),
    },
    selections: {
      invoice_method: ["manual", "order", "shipment"],
      shipment_method: ["manual", "order", "invoice"],
      state: ["draft", "quotation", "confirmed", "processing", "done", "cancelled"],
    },
    buttons: ["quote", "confirm", "process", "cancel", "draft"],
  },
  "sale.line": {
    label: "Sale Line",
    fields: {
      ...audit,
      sale: m2o("sale.sale", "Sale", true),
      sequence: typed("integer", "Sequence"),
      type: selection("Type", true),
      product: m2o("product.product", "Product"),
      quantity: typed("float", "Quantity"),
      unit: m2o("product.uom", "Unit"),
      unit_price: typed("decimal", "Unit Price"),
      description: { type: "text", label: "Description" },
      amount: fn("Amount"),
      moves: fn("Moves"),
    },
    selections: { type: ["line", "subtotal", "title", "comment"] },
  },
}
