import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { PURCHASE_MODULE } from "../../../../modules/purchase"
import type PurchaseModuleService from "../../../../modules/purchase/service"
import { waitForSettlement } from "../../../../workflows/settlement"
import { purchaseView, UNSETTLED_PURCHASE } from "../helpers"

/** One of the player's purchases; `?wait=N` (≤ 20 s) holds the answer until it settles (long poll). */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const purchases = req.scope.resolve<PurchaseModuleService>(PURCHASE_MODULE)
  const read = async () =>
    (await purchases.listPurchases({ id: req.params.id, customer_id: req.auth_context.actor_id }, { take: 1 }))[0]
  let purchase = await read()
  if (!purchase) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Purchase '${req.params.id}' not found`)
  const wait = Math.min(20, Math.max(0, Number((req.query as any).wait) || 0))
  if (wait > 0 && UNSETTLED_PURCHASE.includes(purchase.status)) {
    const from = purchase.status
    await waitForSettlement(purchase.id, wait * 1000, 500, async () => (await read())?.status !== from)
    purchase = (await read())!
  }
  res.json({ purchase: purchaseView(purchase) })
}
