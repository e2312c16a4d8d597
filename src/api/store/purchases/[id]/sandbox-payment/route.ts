import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError, Modules, PaymentWebhookEvents } from "@medusajs/framework/utils"
import type { z } from "@medusajs/framework/zod"
import { PURCHASE_MODULE } from "../../../../../modules/purchase"
import type PurchaseModuleService from "../../../../../modules/purchase/service"
import { SandboxGateway } from "../../../../../modules/sandbox-payment/gateway"
import { DEV_WEBHOOK_SECRET } from "../../../../../modules/sandbox-payment/service"
import { SIGNATURE_HEADER, signWebhook } from "../../../../../modules/sandbox-payment/webhook"
import type { StoreSandboxPayment } from "../../../../utils/validators"

/**
 * The sandbox's stand-in for the payer and the provider outside the store: the player pays (or the
 * bank refuses) the konbini slip, Pix code or SEPA debit of a purchase awaiting payment, and the
 * gateway's signed webhook goes to Medusa exactly as `/hooks/payment/:provider` would pass it on
 * (the `payment.webhook_received` event), never to an address taken from the request.
 */
export const POST = async (req: AuthenticatedMedusaRequest<z.infer<typeof StoreSandboxPayment>>, res: MedusaResponse) => {
  const [purchase] = await req.scope
    .resolve<PurchaseModuleService>(PURCHASE_MODULE)
    .listPurchases({ id: req.params.id, customer_id: req.auth_context.actor_id }, { take: 1 })
  if (!purchase) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Purchase '${req.params.id}' not found`)
  const provider = purchase.payment_provider_id ?? ""
  if (purchase.status !== "awaiting_payment" || !provider.startsWith("pp_sandbox_")) {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "This purchase is not waiting for a sandbox payment", "not_awaiting_payment")
  }
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data: [cart] } = await query.graph({
    entity: "cart",
    fields: ["payment_collection.payment_sessions.id", "payment_collection.payment_sessions.data"],
    filters: { id: purchase.cart_id },
  })
  const session = (cart as any)?.payment_collection?.payment_sessions?.[0]
  const chargeId = session?.data?.charge_id
  if (!chargeId) throw new MedusaError(MedusaError.Types.NOT_FOUND, "No sandbox charge for this purchase")
  const outcome = req.validatedBody.outcome
  await SandboxGateway.for(req.scope.resolve(ContainerRegistrationKeys.PG_CONNECTION)).settleAsync(chargeId, outcome)

  const body = { type: outcome === "paid" ? "payment.succeeded" : "payment.failed", session_id: session.id, amount: Number(purchase.cash_amount) }
  const raw = JSON.stringify(body)
  const secret = process.env.SANDBOX_WEBHOOK_SECRET || DEV_WEBHOOK_SECRET
  await req.scope.resolve(Modules.EVENT_BUS).emit({
    name: PaymentWebhookEvents.WebhookReceived,
    data: {
      provider: provider.slice("pp_".length),
      payload: { data: body, rawData: Buffer.from(raw), headers: { "content-type": "application/json", [SIGNATURE_HEADER]: signWebhook(secret, raw) } },
    },
  })
  res.status(202).json({ purchase_id: purchase.id, outcome })
}
