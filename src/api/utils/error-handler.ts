import { errorHandler } from "@medusajs/framework/http"
import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"

const medusaErrorHandler = errorHandler()

/**
 * Medusa answers every CONFLICT with a generic "retry with the Idempotency-Key" text. Our conflicts
 * carry a machine-readable code (already_owned, price_changed, …) the client must see, so those
 * keep their own code and message; everything else goes to Medusa's handler.
 */
export function kstoreErrorHandler(err: any, req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
  // Stripe's rule: a reused idempotency key with another body is unprocessable, not a bad request.
  if (MedusaError.isMedusaError(err) && err.code === "idempotency_key_reused") {
    res.status(422).json({ type: err.type, code: err.code, message: err.message })
    return
  }
  if (MedusaError.isMedusaError(err) && err.type === MedusaError.Types.CONFLICT && err.code) {
    res.status(409).json({ type: err.type, code: err.code, message: err.message })
    return
  }
  return medusaErrorHandler(err, req, res, next)
}
