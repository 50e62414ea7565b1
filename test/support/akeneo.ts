/**
 * A scratch project whose config connects the Akeneo sandbox (PIM) and the Shopify sandbox
 * (shop): categories and products Akeneo → hub, products hub → Shopify.
 */
import { writeFileSync } from "node:fs"
import { scratchProject } from "./cli.ts"

const config = `import { defineConfig, env } from "eslayer"
import { akeneo } from "eslayer/connectors/akeneo"
import { shopify } from "eslayer/connectors/shopify"

export default defineConfig({
  systems: {
    pim: akeneo({
      baseUrl: env("AKENEO_URL"),
      clientId: env("AKENEO_CLIENT_ID", "1_esl-sandbox"),
      secret: env("AKENEO_SECRET", "sandbox-secret"),
      username: env("AKENEO_USERNAME", "esl_connection_1234"),
      password: env("AKENEO_PASSWORD", "sandbox-password"),
      channel: "ecommerce",
    }),
    shop: shopify({
      shop: "alpenglow",
      baseUrl: env("SHOPIFY_URL"),
      accessToken: env("SHOPIFY_TOKEN", "shpat_sandbox"),
      locale: "en-US",
    }),
  },
  ownership: {
    product: { "*": "pim" },
    category: { "*": "pim" },
  },
  flows: {
    "pim-categories": { from: "pim", stream: "categories" },
    "pim-products": { from: "pim", stream: "products" },
    "shop-products": { to: "shop", sink: "products" },
  },
})
`

/** A scratch project with the Akeneo + Shopify config. */
export const akeneoScratchProject = (name: string) => {
  const project = scratchProject(name)
  writeFileSync(project.config, config)
  return project
}
