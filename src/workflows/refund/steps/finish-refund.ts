import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { withFaults } from "../../../lib/faults"
import { announceSettled } from "../../../lib/settlement"
import { Modules } from "@medusajs/framework/utils"
import { LIBRARY_MODULE } from "../../../modules/library"
import type LibraryModuleService from "../../../modules/library/service"
import { PREORDER_MODULE } from "../../../modules/preorder"
import type PreorderModuleService from "../../../modules/preorder/service"

/** Refund step 6 (retried): order canceled, entitlement revoked (the game leaves the library). */
export const finishRefundStep = createStep(
  "finish-refund",
  withFaults("finish-refund", async (input: { preorder_id: string; order_id: string }, { container }) => {
    await container.resolve<LibraryModuleService>(LIBRARY_MODULE).revokeForOrder(input.order_id, "refunded")
    const orders = container.resolve(Modules.ORDER)
    const order = await orders.retrieveOrder(input.order_id)
    if (order.status !== "canceled") {
      await orders.updateOrders([{ id: input.order_id, status: "canceled" as any, canceled_at: new Date() } as any])
    }
    const preorders = container.resolve<PreorderModuleService>(PREORDER_MODULE)
    await preorders.transition(input.preorder_id, "refunding", "refunded")
    await preorders.updatePreorders({ id: input.preorder_id, refunded_at: new Date(), refund_failure: null, refund_retry_at: null })
    announceSettled(input.preorder_id)
    return new StepResponse({ preorder_id: input.preorder_id })
  })
)
