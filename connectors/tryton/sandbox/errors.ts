/**
 * The failures the sandbox answers with, shaped as trytond 6.0 answers them (observed):
 * a UserError is HTTP 200 `"error": ["UserError", [message, description, domain]]`; any other
 * exception (an unknown model or field is a KeyError) HTTP 200 `"error": [str(exception), traceback]`;
 * a method the model does not expose over RPC HTTP 403; no or a bad session HTTP 401.
 */

/** Tryton refused the values: shown to the user. */
export class SandboxUserError extends Error {
  constructor(readonly userMessage: string) {
    super(userMessage)
  }
}

/** The server failed (a Python exception other than a UserError). */
export class SandboxServerError extends Error {}

/** The method is not in the model's `__rpc__`: HTTP 403. */
export class SandboxForbidden extends Error {}

/** `KeyError('name')` as str() prints it. */
export const keyError = (name: string) => new SandboxServerError(`'${name}'`)

/** The message of trytond's RequiredValidationError. */
export const requiredError = (field: string, model: string) =>
  new SandboxUserError(`A value is required for field "${field}" in "${model}".`)

/** The message of trytond's SelectionValidationError. */
export const selectionError = (value: unknown, field: string, model: string) =>
  new SandboxUserError(
    `The value "${String(value)}" for field "${field}" in "${model}" is not one of the allowed options.`,
  )
