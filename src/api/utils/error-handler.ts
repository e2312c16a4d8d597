import { errorHandler } from "@medusajs/framework/http"
import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"

const medusaErrorHandler = errorHandler()

/**
 * A player's own limit reached (gifts a day, friend requests pending or a day): 429 with the code.
 * Built as a NOT_ALLOWED MedusaError so workflows and services can throw it without HTTP in mind.
 */
export const LIMIT_CODE = /_limit$/
export const limitReached = (message: string, code: `${string}_limit`) => new MedusaError(MedusaError.Types.NOT_ALLOWED, message, code)

/** A sign-up with a login (auth identity) that already has its customer. */
export const accountExistsError = () =>
  new MedusaError(MedusaError.Types.CONFLICT, "This login already has an account: sign in instead", "account_exists")

/**
 * What Medusa's setAuthAppMetadataStep throws (a plain Error, so a 500) when a customer sign-up
 * (`POST /store/accounts`, stock `POST /store/customers`) runs for a login that got its customer
 * meanwhile: two sign-ups racing, or a stock one repeated.
 */
const ACTOR_ALREADY_LINKED = /^Key customer_id already exists in app metadata$/

/**
 * The SQLSTATE of an error PostgreSQL raised (pg's DatabaseError, or MikroORM's exception that
 * copies its fields), else undefined. Only a server error carries `severity`/`routine`.
 */
export function postgresErrorCode(err: any): string | undefined {
  const code = err?.code
  if (typeof code !== "string" || !/^[0-9A-Z]{5}$/.test(code)) return undefined
  if (typeof err.severity !== "string" && typeof err.routine !== "string") return undefined
  return code
}

/**
 * Medusa answers every CONFLICT with a generic "retry with the Idempotency-Key" text. Our conflicts
 * carry a machine-readable code (already_owned, price_changed, …) the client must see, so those
 * keep their own code and message; everything else goes to Medusa's handler.
 *
 * A PostgreSQL "data exception" (SQLSTATE class 22: invalid input syntax, value out of range, too
 * long, bad encoding or escape) is a value the database refused to store — a 400 `invalid_input`,
 * not a 500; the database's text (which can hold the SQL) is logged, not sent. Other database
 * errors keep Medusa's mapping (unique violation → 422 duplicate_error, foreign key → 404, …).
 */
export function kstoreErrorHandler(err: any, req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
  // (A workflow's error reaches here serialized, not always as an Error instance.)
  if (!MedusaError.isMedusaError(err) && typeof err?.message === "string" && ACTOR_ALREADY_LINKED.test(err.message)) {
    err = accountExistsError()
  }
  // Stripe's rule: a reused idempotency key with another body is unprocessable, not a bad request.
  if (MedusaError.isMedusaError(err) && err.code === "idempotency_key_reused") {
    res.status(422).json({ type: err.type, code: err.code, message: err.message })
    return
  }
  if (MedusaError.isMedusaError(err) && err.type === MedusaError.Types.NOT_ALLOWED && LIMIT_CODE.test(err.code ?? "")) {
    res.status(429).json({ type: err.type, code: err.code, message: err.message })
    return
  }
  if (MedusaError.isMedusaError(err) && err.type === MedusaError.Types.CONFLICT && err.code) {
    res.status(409).json({ type: err.type, code: err.code, message: err.message })
    return
  }
  const sqlState = postgresErrorCode(err)
  if (sqlState?.startsWith("22")) {
    logger(req).warn(`Database refused a value (SQLSTATE ${sqlState}) at ${req.method} ${req.path}: ${err.message}`)
    const field = typeof err.column === "string" ? ` (${err.column})` : ""
    res.status(400).json({
      type: MedusaError.Types.INVALID_DATA,
      code: "invalid_input",
      message: `A value in the request cannot be stored${field}: check its format, size and characters`,
    })
    return
  }
  // Medusa's formatter reads `table` and `detail` of a unique violation; without them it would throw.
  if (sqlState === "23505" && (typeof err.table !== "string" || typeof err.detail !== "string")) {
    logger(req).warn(`Unique violation at ${req.method} ${req.path}: ${err.message}`)
    res.status(422).json({ type: MedusaError.Types.DUPLICATE_ERROR, code: "invalid_request_error", message: "It already exists" })
    return
  }
  return medusaErrorHandler(err, req, res, next)
}

function logger(req: MedusaRequest): { warn: (message: string) => void } {
  try {
    return req.scope.resolve(ContainerRegistrationKeys.LOGGER)
  } catch {
    return console
  }
}
