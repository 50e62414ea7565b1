/**
 * WordPress REST errors as WooCommerce sends them: `{ code, message, data: { status } }`.
 */
import { HttpResponse } from "msw"

export interface WooErrorBody {
  readonly code: string
  readonly message: string
  readonly data: { readonly status: number; readonly [key: string]: unknown }
}

export const wooError = (
  code: string,
  message: string,
  status: number,
  data: Record<string, unknown> = {},
): WooErrorBody => ({
  code,
  message,
  data: { status, ...data },
})

export const errorResponse = (error: WooErrorBody, headers: Record<string, string> = {}) =>
  HttpResponse.json(error, { status: error.data.status, headers })

/** `rest_invalid_param`: WordPress lists the bad parameters in the message and explains each in `data.params`. */
export const invalidParams = (params: Readonly<Record<string, string>>): WooErrorBody =>
  wooError("rest_invalid_param", `Invalid parameter(s): ${Object.keys(params).join(", ")}`, 400, { params })

/** Past 100 objects in one batch (WC_REST_Controller::check_batch_limit). */
export const batchTooLarge = (limit: number): WooErrorBody =>
  wooError(
    "woocommerce_rest_request_entity_too_large",
    `Unable to accept more than ${limit} items for this request.`,
    413,
  )

/** A SKU another product or variation already has (WC_Product_Data_Store). */
export const invalidSku = (resourceId: number, sku: string): WooErrorBody =>
  wooError("product_invalid_sku", "Invalid or duplicated SKU.", 400, {
    resource_id: resourceId,
    unique_sku: `${sku}-1`,
  })

export const invalidProductId = (): WooErrorBody => wooError("woocommerce_rest_product_invalid_id", "Invalid ID.", 400)
