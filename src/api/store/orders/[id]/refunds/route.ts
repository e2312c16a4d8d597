import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { z } from "@medusajs/framework/zod"
import type { StoreRefundBody } from "../../../../utils/validators"
import { refundFromRequest } from "../../../refunds/helpers"

/**
 * Asks for games of one of the player's orders back (202): `game_ids`, or every game not refunded
 * yet. The client follows GET /store/refunds/:id until it is refunded or failed.
 */
export const POST = async (req: AuthenticatedMedusaRequest<z.infer<typeof StoreRefundBody>>, res: MedusaResponse) => {
  const refund = await refundFromRequest(req.scope, {
    customer_id: req.auth_context.actor_id,
    order_id: req.params.id,
    game_ids: req.validatedBody.game_ids,
    key: req.headers["idempotency-key"],
  })
  res.status(202).json({ refund })
}
