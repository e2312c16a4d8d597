import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { withFaults } from "../../../lib/faults"
import { MedusaError, Modules } from "@medusajs/framework/utils"
import { PREORDER_MODULE } from "../../../modules/preorder"
import type PreorderModuleService from "../../../modules/preorder/service"

/**
 * Refund step 4, the pivot: refunds the cash at the provider once (Medusa keys the provider call
 * by the refund's id; we skip when the payment already carries a refund for this amount).
 */
export const refundPaymentStep = createStep(
  "refund-preorder-payment",
  withFaults("refund-preorder-payment", async (input: { preorder_id: string; refund_amount: number }, { container }) => {
    const record = await container.resolve<PreorderModuleService>(PREORDER_MODULE).retrievePreorder(input.preorder_id)
    if (!record.payment_id || input.refund_amount <= 0) return new StepResponse({ refunded: 0 })
    const payments = container.resolve(Modules.PAYMENT)
    const payment = await payments.retrievePayment(record.payment_id, { relations: ["refunds"] })
    const already = (payment.refunds ?? []).reduce((s: number, r: any) => s + Number(r.amount), 0)
    if (already >= input.refund_amount) return new StepResponse({ refunded: already })
    try {
      await payments.refundPayment({ payment_id: record.payment_id, amount: input.refund_amount - already })
    } catch (e: any) {
      throw new MedusaError(MedusaError.Types.UNEXPECTED_STATE, `Refund failed at the provider: ${e.message}`, "refund_failed")
    }
    return new StepResponse({ refunded: input.refund_amount })
  })
)
