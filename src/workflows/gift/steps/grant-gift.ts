import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LIBRARY_MODULE } from "../../../modules/library"
import type LibraryModuleService from "../../../modules/library/service"
import { withFaults } from "../../faults"

/**
 * The accepted game enters the recipient's library, from the sender's order (which is how a later
 * refund finds it). Refused with 409 already_owned when they came to own it another way; undone,
 * the entitlement is revoked.
 */
export const grantGiftStep = createStep(
  "grant-gift",
  withFaults("grant-gift", async (input: { customer_id: string; game_id: string; order_id: string }, { container }) => {
    const library = container.resolve<LibraryModuleService>(LIBRARY_MODULE)
    const entitlement = await library.grant({ customer_id: input.customer_id, game_id: input.game_id, order_id: input.order_id, source: "gift" })
    return new StepResponse({ entitlement_id: entitlement.id }, input)
  }),
  async (input, { container }) => {
    if (!input) return
    await container.resolve<LibraryModuleService>(LIBRARY_MODULE).revokeGames(input.order_id, [input.game_id], "gift acceptance undone")
  }
)
