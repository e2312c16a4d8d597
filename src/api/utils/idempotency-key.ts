import type { MedusaRequest } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"

/** The Idempotency-Key header a money-moving request must carry (8-100 of letters, digits, _ : . -). */
export function requiredIdempotencyKey(req: MedusaRequest): string {
  const key = req.headers["idempotency-key"]
  if (typeof key !== "string" || !/^[\w:.-]{8,100}$/.test(key)) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, "An Idempotency-Key header (8-100 characters) is required")
  }
  return key
}
