import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { withFaults } from "../../faults"
import { startGiftRefund } from "../refund-gift"

/**
 * Starts the refund saga for the gift (recorded once per gift, so a retry or a recovered run finds
 * the same refund) and lets it run in the background; its failures are retried by the refund retry
 * job, and staff alerted, like any refund. The close's pivot: once recorded, the refund is never
 * undone, so the step is retried at once rather than the close given up.
 */
export const refundGiftStep = createStep(
  { name: "refund-gift", maxRetries: 2 },
  withFaults("refund-gift", async (input: { gift_id: string }, { container }) => {
    const { refund_id, settled } = await startGiftRefund(container, input.gift_id)
    settled?.catch(() => {})
    return new StepResponse({ refund_id })
  })
)
