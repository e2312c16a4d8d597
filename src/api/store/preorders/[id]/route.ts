import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { PREORDER_MODULE } from "../../../../modules/preorder"
import type PreorderModuleService from "../../../../modules/preorder/service"
import { preorderView } from "../helpers"
import { waitForSettlement } from "../../../../lib/settlement"

/**
 * Status of one of the player's pre-orders: pending, awaiting_payment (with what to pay), completed,
 * failed (with reason), refunding, refunded.
 */
const UNSETTLED = ["pending", "refunding"]

/** `?wait=N` (≤ 20 s) holds the answer until the pre-order settles or N seconds pass (long poll). */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const preorders = req.scope.resolve<PreorderModuleService>(PREORDER_MODULE)
  const read = async () =>
    (await preorders.listPreorders({ id: req.params.id, customer_id: req.auth_context.actor_id }, { take: 1 }))[0]
  let preorder = await read()
  if (!preorder) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Pre-order '${req.params.id}' not found`)
  const wait = Math.min(20, Math.max(0, Number((req.query as any).wait) || 0))
  if (wait > 0 && UNSETTLED.includes(preorder.status)) {
    const from = preorder.status
    await waitForSettlement(preorder.id, wait * 1000, 500, async () => (await read())?.status !== from)
    preorder = (await read())!
  }
  res.json({ preorder: preorderView(preorder) })
}
