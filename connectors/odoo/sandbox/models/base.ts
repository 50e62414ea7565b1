/** `base` and `account` models: companies, users, partners, countries, currencies, taxes. */
import { validationError } from "../errors.ts"
import type { ModelDef, Row } from "../schema.ts"
import { active, boolean, char, float, integer, many2many, many2one, one2many, selection, text } from "./fields.ts"

const PARTNER_TYPES: Readonly<Record<string, string>> = {
  contact: "Contact",
  invoice: "Invoice Address",
  delivery: "Delivery Address",
  other: "Other Address",
}

const commercialPartner = (row: Row, lookup: (id: number) => Row | undefined): Row => {
  let current = row
  for (let depth = 0; depth < 10; depth++) {
    if (current.is_company === true || typeof current.parent_id !== "number") return current
    const parent = lookup(current.parent_id)
    if (parent === undefined) return current
    current = parent
  }
  return current
}

// base_vat: the formats it checks, and the example Odoo gives in its message (`_ref_vat`).
const VAT_FORMATS: Readonly<Record<string, { readonly pattern: RegExp; readonly example: string }>> = {
  DE: { pattern: /^DE\d{9}$/, example: "DE123456788" },
  AT: { pattern: /^ATU\d{8}$/, example: "ATU12345675" },
  NL: { pattern: /^NL\d{9}B\d{2}$/, example: "NL123456782B90" },
  CH: {
    pattern: /^CHE\d{9}(MWST|TVA|IVA)?$/,
    example: "CHE-123.456.788 TVA or CHE-123.456.788 MWST or CHE-123.456.788 IVA",
  },
}

/** `base_vat`'s check of a VAT number against its country's format, with Odoo's message. */
const checkVat = (vals: Readonly<Record<string, unknown>>): void => {
  if (typeof vals.vat !== "string" || vals.vat.trim() === "") return
  const compact = vals.vat.replace(/[\s.-]/g, "").toUpperCase()
  const format = VAT_FORMATS[compact.slice(0, 2)]
  if (format === undefined || format.pattern.test(compact)) return
  const name = typeof vals.name === "string" ? vals.name : ""
  throw validationError(
    `The VAT number [${vals.vat}] for partner [${name}] does not seem to be valid. \nNote: the expected format is ${format.example}`,
  )
}

/** res.currency, res.country, res.company, res.users, res.partner (+ tags), account.tax. */
export const baseModels: ReadonlyArray<ModelDef> = [
  {
    name: "res.currency",
    description: "Currency",
    order: "name",
    fields: {
      name: char("Currency", { required: true }),
      symbol: char("Symbol"),
      decimal_places: integer("Decimal Places", { default: 2 }),
      active: active(),
    },
  },
  {
    name: "res.country",
    description: "Country",
    order: "name",
    fields: { name: char("Country Name", { required: true }), code: char("Country Code") },
  },
  {
    name: "res.company",
    description: "Companies",
    fields: {
      name: char("Company Name", { required: true }),
      currency_id: many2one("res.currency", "Currency", { required: true }),
      partner_id: many2one("res.partner", "Partner", { required: true }),
    },
  },
  {
    name: "res.users",
    description: "User",
    fields: {
      login: char("Login", { required: true }),
      partner_id: many2one("res.partner", "Related Partner", { required: true }),
      name: char("Name", { related: "partner_id.name" }),
      tz: char("Timezone"),
      lang: char("Language"),
    },
    methods: {
      // The API key's user (uid 2, the integration user) with its language and time zone.
      context_get: {
        api: "model",
        params: [],
        run: ({ orm }) => {
          const user = orm.get("res.users", 2)
          return { lang: user?.lang ?? "en_US", tz: user?.tz ?? "Europe/Berlin", uid: 2 }
        },
      },
    },
  },
  {
    name: "res.partner",
    description: "Contact",
    order: "complete_name ASC, id DESC",
    fields: {
      name: char("Name"),
      complete_name: char("Complete Name", {
        compute: (row, orm) => orm.displayName("res.partner", row),
      }),
      type: selection("Address Type", Object.keys(PARTNER_TYPES), { default: "contact" }),
      is_company: boolean("Is a Company"),
      company_name: char("Company Name"),
      parent_id: many2one("res.partner", "Related Company"),
      child_ids: one2many("res.partner", "parent_id", "Contact"),
      commercial_partner_id: many2one("res.partner", "Commercial Entity", {
        compute: (row, orm) => commercialPartner(row, (id) => orm.get("res.partner", id)).id,
      }),
      ref: char("Reference"),
      email: char("Email"),
      phone: char("Phone"),
      vat: char("Tax ID"),
      street: char("Street"),
      street2: char("Street2"),
      city: char("City"),
      zip: char("Zip"),
      country_id: many2one("res.country", "Country"),
      country_code: char("Country Code", { related: "country_id.code" }),
      lang: char("Language", { default: "en_US" }),
      comment: text("Notes"),
      customer_rank: integer("Customer Rank"),
      category_id: many2many("res.partner.category", "Tags"),
      active: active(),
    },
    displayName: (row, orm) => {
      const own = typeof row.name === "string" && row.name !== "" ? row.name : undefined
      const parent = typeof row.parent_id === "number" ? orm.get("res.partner", row.parent_id) : undefined
      if (parent !== undefined && row.is_company !== true) {
        const label = own ?? PARTNER_TYPES[typeof row.type === "string" ? row.type : "contact"] ?? ""
        return `${orm.displayName("res.partner", parent)}, ${label}`
      }
      return own ?? ""
    },
    prepare: (vals) => {
      const type = vals.type ?? "contact"
      // _sql_constraints check_name: CHECK((type='contact' AND name IS NOT NULL) or (type!='contact'))
      if (type === "contact" && (vals.name === undefined || vals.name === false || vals.name === null)) {
        throw validationError("The operation cannot be completed: Contacts require a name")
      }
      checkVat(vals)
    },
  },
  {
    name: "res.partner.category",
    description: "Partner Tags",
    fields: { name: char("Tag Name", { required: true }), active: active() },
  },
  {
    name: "account.tax",
    description: "Tax",
    order: "sequence,id",
    fields: {
      name: char("Tax Name", { required: true }),
      sequence: integer("Sequence", { default: 1 }),
      amount: float("Amount", { digits: 4 }),
      amount_type: selection("Tax Computation", ["group", "fixed", "percent", "division"], { default: "percent" }),
      type_tax_use: selection("Tax Type", ["sale", "purchase", "none"], { default: "sale" }),
      price_include: boolean("Included in Price"),
      active: active(),
    },
  },
]
