/** The models the sandbox knows, by technical name. */
import type { ModelDef } from "../schema.ts"
import { baseModels } from "./base.ts"
import { pickingModels } from "./picking.ts"
import { productModels } from "./product.ts"
import { saleModels } from "./sale.ts"
import { stockModels } from "./stock.ts"

export const odooModels: Readonly<Record<string, ModelDef>> = Object.fromEntries(
  [...baseModels, ...productModels, ...stockModels, ...pickingModels, ...saleModels].map((model) => [
    model.name,
    model,
  ]),
)
