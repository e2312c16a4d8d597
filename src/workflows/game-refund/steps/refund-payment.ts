import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { refundPaymentWorkflow } from "@medusajs/medusa/core-flows"
import { withFaults } from "../../faults"
import { refundKeys } from "../keys"
import type { OpenRefund } from "./open-refund"

type Input = { refund: OpenRefund; amount: number }

const refund = withFaults("refund-game-payment", async (input: Input, { container }) => {
  const r = input.refund
  try {
    await refundPaymentWorkflow(container).run({ input: { payment_id: r.payment_id!, amount: input.amount, note: refundKeys.paymentNote(r.refund_id) } })
  } catch (e: any) {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `The payment provider did not refund: ${e.message}`, "refund_failed")
  }
})

/** Medusa's refund of the payment with the saga's note (the payment module keeps it only when the provider refunded). */
async function madeRefund(container: any, paymentId: string, refundId: string) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: [payment] } = await query.graph({ entity: "payment", fields: ["refunds.id", "refunds.note"], filters: { id: paymentId } })
  const note = refundKeys.paymentNote(refundId)
  const made = ((payment as any)?.refunds ?? []).find((x: any) => x.note === note)
  return (made?.id as string | undefined) ?? null
}

/**
 * Refund step 4, the pivot: the cash goes back through Medusa's refund flow (the payment module
 * asks the provider, the order records the refund as a transaction, `payment.refunded` is
 * emitted). The refund carries the saga's note, so a rerun that finds it refunds nothing twice,
 * and a failure whose refund Medusa recorded (the answer lost after the money went back) goes
 * forward instead of undoing the attempt. Never undone: money that went back stays back.
 */
export const refundGamePaymentStep = createStep("refund-game-payment", async (input: Input, context) => {
  const r = input.refund
  if (input.amount <= 0 || !r.payment_id) return new StepResponse({ payment_refund_id: null as string | null })
  // A rerun (after a crash past this call) finds the refund it made.
  const earlier = await madeRefund(context.container, r.payment_id, r.refund_id)
  if (earlier) return new StepResponse({ payment_refund_id: earlier as string | null })
  try {
    await refund(input, context)
  } catch (e) {
    const made = await madeRefund(context.container, r.payment_id, r.refund_id)
    if (made) return new StepResponse({ payment_refund_id: made as string | null })
    throw e
  }
  return new StepResponse({ payment_refund_id: await madeRefund(context.container, r.payment_id, r.refund_id) })
})
