import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { refundPaymentWorkflow } from "@medusajs/medusa/core-flows"
import { withFaults } from "../../../lib/faults"
import { refundKeys } from "../keys"
import type { OpenRefund } from "./open-refund"

/**
 * Refund step 4, the pivot: the cash goes back through Medusa's refund flow (the payment module
 * asks the provider, the order records the refund as a transaction, `payment.refunded` is
 * emitted). The refund carries the saga's note, so a rerun that finds it refunds nothing twice.
 * Never undone: money that went back stays back.
 */
export const refundGamePaymentStep = createStep(
  "refund-game-payment",
  withFaults("refund-game-payment", async (input: { refund: OpenRefund; amount: number }, { container }) => {
    const r = input.refund
    if (r.payment_refund_id) return new StepResponse({ payment_refund_id: r.payment_refund_id })
    if (input.amount <= 0 || !r.payment_id) return new StepResponse({ payment_refund_id: null as string | null })
    const note = refundKeys.paymentNote(r.refund_id)
    try {
      await refundPaymentWorkflow(container).run({ input: { payment_id: r.payment_id, amount: input.amount, note } })
    } catch (e: any) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `The payment provider did not refund: ${e.message}`, "refund_failed")
    }
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data: [payment] } = await query.graph({ entity: "payment", fields: ["refunds.id", "refunds.note"], filters: { id: r.payment_id } })
    const made = ((payment as any)?.refunds ?? []).find((x: any) => x.note === note)
    return new StepResponse({ payment_refund_id: (made?.id as string | undefined) ?? null })
  })
)
