import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LIBRARY_MODULE } from "../../../modules/library"
import type LibraryModuleService from "../../../modules/library/service"
import { faultPoint } from "../../faults"

type GrantGift = { customer_id: string; game_id: string; order_id: string }

const UNDONE = "gift acceptance undone"

/**
 * The accepted game enters the recipient's library, from the sender's order (which is how a later
 * refund finds it). Granting again for the same order finds the same entitlement, so a recovered
 * run repeats nothing. Refused with 409 already_owned when they came to own it another way; undone
 * (or failing after the grant: Medusa compensates only the steps that finished), the entitlement
 * is revoked.
 */
export const grantGiftStep = createStep(
  "grant-gift",
  async (input: GrantGift, { container }) => {
    await faultPoint("grant-gift:before")
    const library = container.resolve<LibraryModuleService>(LIBRARY_MODULE)
    const entitlement = await library.grant({ customer_id: input.customer_id, game_id: input.game_id, order_id: input.order_id, source: "gift" })
    try {
      await faultPoint("grant-gift:after")
    } catch (e) {
      await library.revokeGames(input.order_id, [input.game_id], UNDONE)
      throw e
    }
    return new StepResponse({ entitlement_id: entitlement.id }, input)
  },
  async (input, { container }) => {
    if (!input) return
    await container.resolve<LibraryModuleService>(LIBRARY_MODULE).revokeGames(input.order_id, [input.game_id], UNDONE)
  }
)
