import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { retryGameRefund } from "../../../../../workflows/game-refund/request-refund"

/** Staff retry a failed refund now (202); it runs in the background like the player's request. */
export const POST = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const { refund, started } = await retryGameRefund(req.scope, req.params.id)
  res.status(202).json({ refund_id: refund.id, status: refund.status, started })
}
