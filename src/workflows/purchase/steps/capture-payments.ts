import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { cancelOrderWorkflow, capturePaymentWorkflow } from "@medusajs/medusa/core-flows"
import { MedusaError, Modules } from "@medusajs/framework/utils"
import { withFaults } from "../../faults"
import { POINTS_MODULE } from "../../../modules/points"
import type PointsModuleService from "../../../modules/points/service"
import { purchaseKeys } from "../keys"
import type { PlacedOrder } from "./load-order"

/**
 * The pivot for providers that authorize first and capture later: every authorized, uncaptured
 * payment of the order is captured through Medusa's capture flow (capture record, order
 * transaction, `payment.captured`). A payment already captured (automatic capture, or a rerun) is
 * left as it is, so the step can run twice without a second capture. A capture the provider
 * refuses means no money moved: the order is canceled through Medusa's cancel flow (which cancels
 * the authorization) and the points held for the cart are released.
 */
const capture = withFaults("capture-order-payments", async (input: { order: PlacedOrder }, { container }) => {
  for (const payment of input.order.payments.filter((p) => !p.captured && !p.canceled)) {
    await capturePaymentWorkflow(container).run({ input: { payment_id: payment.id } })
  }
})

export const capturePaymentsStep = createStep(
  "capture-order-payments",
  async (input: { order: PlacedOrder; cancel_on_failure: boolean }, context) => {
    const open = input.order.payments.filter((p) => !p.captured && !p.canceled)
    try {
      await capture(input, context)
    } catch (error: any) {
      // Past the pivot or not is what the payments say, not the error: a capture whose answer was
      // lost has moved the money, and undoing the order then would keep it without a sale.
      if (await allCaptured(context.container, open.map((p) => p.id))) return new StepResponse({ captured: open.map((p) => p.id) })
      // Inside the purchase saga its compensation undoes the order; on its own the order is undone here.
      if (input.cancel_on_failure) await undoUncaptured(context.container, input.order)
      throw new MedusaError(MedusaError.Types.PAYMENT_AUTHORIZATION_ERROR, `Payment failed: ${error?.message ?? error}`, "payment_failed")
    }
    return new StepResponse({ captured: open.map((p) => p.id) })
  }
)

async function allCaptured(container: any, paymentIds: string[]) {
  if (!paymentIds.length) return false
  const payments = await container.resolve(Modules.PAYMENT).listPayments({ id: paymentIds }, { select: ["id", "captured_at"] })
  return payments.length === paymentIds.length && payments.every((p: any) => !!p.captured_at)
}

async function undoUncaptured(container: any, order: PlacedOrder) {
  await cancelOrderWorkflow(container).run({ input: { order_id: order.order_id } })
  if (!order.cart_id) return
  await (container.resolve(POINTS_MODULE) as PointsModuleService).releaseHeld({
    customer_id: order.customer_id,
    reference_id: order.cart_id,
    idempotency_key: purchaseKeys.release(order.cart_id),
    reason: "payment not captured",
  })
}
