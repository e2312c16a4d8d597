import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { completeAwaitingPreorder } from "../workflows/preorder/settle-async-payment"

/** A capture Medusa recorded from a provider webhook may be the payment a pre-order waits for. */
export default async function preorderPaymentCapturedHandler({ event, container }: SubscriberArgs<{ id: string }>) {
  await completeAwaitingPreorder(container, event.data.id)
}

export const config: SubscriberConfig = {
  event: "payment.captured",
  context: { subscriberId: "preorder-payment-captured" },
}
