/**
 * The canonical model: the hub's contract. Every mapping decodes vendor data into these
 * schemas and encodes them back; no connector keeps a copy of its own.
 */
export * from "./address.ts"
export * from "./attributes.ts"
export * from "./category.ts"
export * from "./customer.ts"
export * from "./customerEvent.ts"
export * from "./entities.ts"
export * from "./fulfillment.ts"
export * from "./inventory.ts"
export * from "./localizedText.ts"
export * from "./location.ts"
export * from "./money.ts"
export * from "./order.ts"
export * from "./price.ts"
export * from "./primitives.ts"
export * from "./product.ts"
export * from "./return.ts"
