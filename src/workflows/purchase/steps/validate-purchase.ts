import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { withFaults } from "../../../lib/faults"
import { checkPurchaseCart, readCart } from "../cart-rules"

/**
 * Saga step 1 (sync): the cart still meets every purchase rule at checkout time (the request
 * checked it too; ownership or a release may have changed since). Completion checks it once more
 * in Medusa's own validate hook, for stock checkouts as well.
 */
export const validatePurchaseStep = createStep(
  "validate-purchase",
  withFaults("validate-purchase", async (input: { cart_id: string }, { container }) => {
    const checked = await checkPurchaseCart(container, await readCart(container, input.cart_id))
    return new StepResponse({ games: checked.games.map((g) => g.game_id) })
  })
)
