import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { requiredIdempotencyKey } from "../../utils/idempotency-key"
import type { z } from "@medusajs/framework/zod"
import { PURCHASE_MODULE } from "../../../modules/purchase"
import type PurchaseModuleService from "../../../modules/purchase/service"
import { startPurchase } from "../../../workflows/purchase/start-purchase"
import type { StorePurchaseBody } from "../../utils/validators"
import { purchaseView } from "./helpers"

/**
 * Buys a cart of games (or `game_ids` at once): 202 and the purchase, whose saga runs in the
 * background; the client follows GET /store/purchases/:id. The same Idempotency-Key and body always
 * answer with the same purchase; the same key with another body is a 422.
 */
export const POST = async (req: AuthenticatedMedusaRequest<z.infer<typeof StorePurchaseBody>>, res: MedusaResponse) => {
  const key = requiredIdempotencyKey(req)
  const salesChannels = (req as any).publishable_key_context?.sales_channel_ids as string[] | undefined
  const { purchase } = await startPurchase(req.scope, {
    customer_id: req.auth_context.actor_id,
    idempotency_key: key,
    sales_channel_id: salesChannels?.[0] ?? null,
    body: req.validatedBody as any,
  })
  res.status(202).json({ purchase: purchaseView(purchase) })
}

export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const purchases = await req.scope
    .resolve<PurchaseModuleService>(PURCHASE_MODULE)
    .listPurchases({ customer_id: req.auth_context.actor_id }, { order: { created_at: "DESC" }, take: 100 })
  res.json({ purchases: purchases.map(purchaseView) })
}
