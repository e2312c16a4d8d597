import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { withFaults } from "../../../lib/faults"
import { MedusaError, Modules } from "@medusajs/framework/utils"
import { PREORDER_MODULE } from "../../../modules/preorder"
import type PreorderModuleService from "../../../modules/preorder/service"

/**
 * Refund step 1: the refund request (completed → refunding). Cancelling the request (back to
 * completed, the failure recorded, a retry scheduled) is done by compensateRefund once the saga has
 * settled, so a client never sees "completed" before it can also see why the refund failed.
 */
export const openRefundStep = createStep(
  "open-refund",
  withFaults("open-refund", async (input: { preorder_id: string }, { container }) => {
    const preorders = container.resolve<PreorderModuleService>(PREORDER_MODULE)
    const record = await preorders.retrievePreorder(input.preorder_id)
    // The request handler usually moved it to refunding already (one winner among parallel requests).
    if (record.status === "refunding") return new StepResponse(record)
    if (!(await preorders.transition(input.preorder_id, "completed", "refunding"))) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "This pre-order cannot be refunded now", "not_refundable")
    }
    return new StepResponse(await preorders.retrievePreorder(input.preorder_id))
  })
)

/** Refund step 2: the order waits for cancellation (requires_action); compensation restores it. */
export const markOrderCancelPendingStep = createStep(
  "mark-order-cancel-pending",
  withFaults("mark-order-cancel-pending", async (input: { order_id: string }, { container }) => {
    const orders = container.resolve(Modules.ORDER)
    const order = await orders.retrieveOrder(input.order_id)
    if (order.status !== "requires_action") {
      await orders.updateOrders([{ id: input.order_id, status: "requires_action" as any } as any])
    }
    return new StepResponse(null, { order_id: input.order_id, previous: order.status })
  }),
  async (undo, { container }) => {
    if (!undo || undo.previous === "requires_action") return
    await container.resolve(Modules.ORDER).updateOrders([{ id: undo.order_id, status: undo.previous as any } as any])
  }
)
