import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { liftResidenceLimitWorkflow } from "../../../../../../workflows/residence/lift-residence-limit"
import { adminResidenceView } from "../../../../../utils/residence-view"

/**
 * Lifts the residence rule for one player: their next residence change is allowed now. Kept with
 * the staff user's id and the reason; a second lift while one is open returns the open one.
 */
export const POST = async (req: AuthenticatedMedusaRequest<{ reason: string }>, res: MedusaResponse) => {
  const { result } = await liftResidenceLimitWorkflow(req.scope).run({
    input: { customer_id: req.params.id, reason: req.validatedBody.reason, actor_id: req.auth_context.actor_id },
  })
  res.json({ lift: result.lift, created: result.created, ...(await adminResidenceView(req.scope, req.params.id)) })
}
