import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { startRefund } from "../../../../../workflows/refund/start-refund"
import { preorderView } from "../../helpers"

/** Requests a refund (202); the status endpoint shows refunding, then refunded. */
export const POST = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const { preorder } = await startRefund(req.scope, { customer_id: req.auth_context.actor_id, preorder_id: req.params.id })
  res.status(202).json({ preorder: preorderView(preorder) })
}
