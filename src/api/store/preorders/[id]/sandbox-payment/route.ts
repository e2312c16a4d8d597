import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError, Modules } from "@medusajs/framework/utils"
import type { z } from "@medusajs/framework/zod"
import { PREORDER_MODULE } from "../../../../../modules/preorder"
import type PreorderModuleService from "../../../../../modules/preorder/service"
import { SandboxGateway } from "../../../../../modules/sandbox-payment/gateway"
import { DEV_WEBHOOK_SECRET } from "../../../../../modules/sandbox-payment/service"
import { SIGNATURE_HEADER, signWebhook } from "../../../../../modules/sandbox-payment/webhook"
import type { StoreSandboxPayment } from "../../../../utils/validators"

/**
 * The sandbox's stand-in for the payer and the provider outside the store: the player pays (or the
 * bank refuses) the konbini slip, Pix code or SEPA debit of a pre-order awaiting payment, and the
 * gateway sends its signed webhook to Medusa's /hooks/payment route, as a real provider would.
 */
export const POST = async (req: AuthenticatedMedusaRequest<z.infer<typeof StoreSandboxPayment>>, res: MedusaResponse) => {
  const preorders = req.scope.resolve<PreorderModuleService>(PREORDER_MODULE)
  const [record] = await preorders.listPreorders({ id: req.params.id, customer_id: req.auth_context.actor_id }, { take: 1 })
  if (!record) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Pre-order '${req.params.id}' not found`)
  if (record.status !== "awaiting_payment") {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "This pre-order is not waiting for a payment", "not_awaiting_payment")
  }
  const [session] = await req.scope
    .resolve(Modules.PAYMENT)
    .listPaymentSessions({ payment_collection_id: record.payment_collection_id } as any, { take: 1 })
  const chargeId = (session?.data as any)?.charge_id
  if (!chargeId) throw new MedusaError(MedusaError.Types.NOT_FOUND, "No sandbox charge for this pre-order")
  const outcome = req.validatedBody.outcome
  await SandboxGateway.for(req.scope.resolve(ContainerRegistrationKeys.PG_CONNECTION)).settleAsync(chargeId, outcome)

  const body = JSON.stringify({
    type: outcome === "paid" ? "payment.succeeded" : "payment.failed",
    session_id: session.id,
    amount: Number(record.cash_amount),
  })
  const secret = process.env.SANDBOX_WEBHOOK_SECRET || DEV_WEBHOOK_SECRET
  const hook = await fetch(`${req.protocol}://${req.get("host")}/hooks/payment/sandbox_sandbox`, {
    method: "POST",
    headers: { "content-type": "application/json", [SIGNATURE_HEADER]: signWebhook(secret, body) },
    body,
  })
  res.status(202).json({ preorder_id: record.id, outcome, webhook_status: hook.status })
}
