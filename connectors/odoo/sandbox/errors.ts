/**
 * Odoo's exceptions as the sandbox raises them: the qualified Python name, the message, and the
 * HTTP status JSON-2 answers with (`UserError.http_status` 422, `MissingError` 404, werkzeug's
 * own codes, 500 for anything else). `/jsonrpc` answers all of them with HTTP 200.
 */

/** An exception as Odoo raises it to its API layer. */
export class OdooException extends Error {
  constructor(
    /** `odoo.exceptions.ValidationError`, `werkzeug.exceptions.NotFound`, `builtins.ValueError`. */
    readonly exception: string,
    message: string,
    readonly status: number,
    readonly args: ReadonlyArray<unknown> = [message],
  ) {
    super(message)
  }
}

/** `odoo.exceptions.*`: UserError and its kinds (422), MissingError (404), AccessDenied (403). */
export const validationError = (message: string) => new OdooException("odoo.exceptions.ValidationError", message, 422)
export const userError = (message: string) => new OdooException("odoo.exceptions.UserError", message, 422)
export const missingError = (model: string, ids: ReadonlyArray<number>) =>
  new OdooException(
    "odoo.exceptions.MissingError",
    `Record does not exist or has been deleted.\n(Record: ${model}(${ids.join(", ")},), User: 2)`,
    404,
  )
export const accessDenied = () => new OdooException("odoo.exceptions.AccessDenied", "Access Denied", 403)
/** Python errors Odoo does not translate: JSON-2 answers them with 500. */
export const valueError = (message: string) => new OdooException("builtins.ValueError", message, 500)
export const typeError = (message: string) => new OdooException("builtins.TypeError", message, 500)

const werkzeug = (name: string, status: number, reason: string, description: string) =>
  new OdooException(`werkzeug.exceptions.${name}`, `${status} ${reason}: ${description}`, status, [description, status])

/** werkzeug's HTTP exceptions as JSON-2 serializes them: message `<status> <reason>: <description>`. */
export const notFound = (description: string) => werkzeug("NotFound", 404, "Not Found", description)
export const unprocessable = (description: string) =>
  werkzeug("UnprocessableEntity", 422, "Unprocessable Entity", description)
export const unauthorized = (description: string) => werkzeug("Unauthorized", 401, "Unauthorized", description)
export const badRequest = (description: string) => werkzeug("BadRequest", 400, "Bad Request", description)
export const methodNotAllowed = () =>
  werkzeug("MethodNotAllowed", 405, "Method Not Allowed", "The method is not allowed for the requested URL.")
export const tooManyRequests = () =>
  werkzeug("TooManyRequests", 429, "Too Many Requests", "This user or IP has sent too many requests. Retry later.")

/** `odoo.http.serialize_exception`: the error object both protocols carry. */
export const serializeException = (error: OdooException, context: Readonly<Record<string, unknown>> = {}) => ({
  name: error.exception,
  message: error.message,
  arguments: error.args,
  context,
  debug: `Traceback (most recent call last):\n  File "/opt/odoo/odoo/http.py", line 2150, in _serve_db\n    return service_model.retrying(self._serve_ir_http, self.env)\n${error.exception}: ${error.message}\n`,
})
