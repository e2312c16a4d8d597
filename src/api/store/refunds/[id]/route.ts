import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { waitForSettlement } from "../../../../workflows/settlement"
import { PURCHASE_MODULE } from "../../../../modules/purchase"
import type PurchaseModuleService from "../../../../modules/purchase/service"
import { refundView } from "../helpers"

/** One of the player's refunds; `?wait=N` (≤ 20 s) holds the answer while it is refunding. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const refunds = req.scope.resolve<PurchaseModuleService>(PURCHASE_MODULE)
  const read = async () => (await refunds.listGameRefunds({ id: req.params.id, customer_id: req.auth_context.actor_id }, { take: 1 }))[0]
  let refund = await read()
  if (!refund) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Refund '${req.params.id}' not found`)
  const wait = Math.min(20, Math.max(0, Number((req.query as any).wait) || 0))
  if (wait > 0 && refund.status === "refunding") {
    await waitForSettlement(refund.id, wait * 1000, 500, async () => (await read())?.status !== "refunding")
    refund = (await read())!
  }
  res.json({ refund: refundView(refund) })
}
