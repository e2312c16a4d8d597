import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { retryRefund } from "../../../../../workflows/refund/start-refund"

/** Staff retry a failed refund now (202); it runs in the background like the player's request. */
export const POST = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const { preorder, started } = await retryRefund(req.scope, req.params.id)
  res.status(202).json({ preorder_id: preorder.id, status: preorder.status, started })
}
