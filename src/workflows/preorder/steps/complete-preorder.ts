import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { withFaults } from "../../../lib/faults"
import { announceSettled } from "../../../lib/settlement"
import { Modules } from "@medusajs/framework/utils"
import { LIBRARY_MODULE } from "../../../modules/library"
import type LibraryModuleService from "../../../modules/library/service"
import { PREORDER_MODULE } from "../../../modules/preorder"
import type PreorderModuleService from "../../../modules/preorder/service"
import type { PreorderQuote } from "./validate-preorder"

/** Saga step 7 (retried): the reservation is complete and the game is in the player's library. */
export const completePreorderStep = createStep(
  "complete-preorder",
  withFaults("complete-preorder", async (input: { preorder_id: string; order_id: string; quote: PreorderQuote }, { container }) => {
    const entitlement = await container.resolve<LibraryModuleService>(LIBRARY_MODULE).grant({
      customer_id: input.quote.customer_id,
      game_id: input.quote.game_id,
      order_id: input.order_id,
      source: "preorder",
    })
    await container.resolve(Modules.ORDER).updateOrders([{ id: input.order_id, status: "completed" as any } as any])
    await container.resolve<PreorderModuleService>(PREORDER_MODULE).markCompleted(input.preorder_id)
    announceSettled(input.preorder_id)
    return new StepResponse({ entitlement_id: entitlement.id })
  })
)
