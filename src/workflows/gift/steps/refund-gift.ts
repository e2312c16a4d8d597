import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { withFaults } from "../../faults"
import { startGiftRefund } from "../refund-gift"

/**
 * Starts the refund saga for the gift (recorded once per gift) and lets it run in the background;
 * its failures are retried by the refund retry job, and staff alerted, like any refund.
 */
export const refundGiftStep = createStep(
  "refund-gift",
  withFaults("refund-gift", async (input: { gift_id: string }, { container }) => {
    const { refund_id, settled } = await startGiftRefund(container, input.gift_id)
    settled?.catch(() => {})
    return new StepResponse({ refund_id })
  })
)
