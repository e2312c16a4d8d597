import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import type { z } from "@medusajs/framework/zod"

export function formatIssues(error: z.ZodError) {
  return error.issues
    .map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message))
    .join("; ")
}

/** Parses req.query with a zod schema into req.validatedQuery, or answers 400 with the reasons. */
export function validateQuery(schema: z.ZodTypeAny) {
  return (req: MedusaRequest, _res: MedusaResponse, next: MedusaNextFunction) => {
    const parsed = schema.safeParse(req.query)
    if (!parsed.success) {
      return next(new MedusaError(MedusaError.Types.INVALID_DATA, formatIssues(parsed.error)))
    }
    req.validatedQuery = parsed.data as MedusaRequest["validatedQuery"]
    next()
  }
}
