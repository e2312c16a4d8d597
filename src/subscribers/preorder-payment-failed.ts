import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { Modules, PaymentActions, PaymentWebhookEvents } from "@medusajs/framework/utils"
import { failAwaitingPreorder } from "../workflows/preorder/settle-async-payment"

/**
 * Medusa's own webhook handler ignores `failed` actions; a pre-order waiting for that payment
 * must be undone. The provider verifies the signature again, so an unsigned event does nothing.
 */
export default async function preorderPaymentFailedHandler({ event, container }: SubscriberArgs<any>) {
  const input = event.data
  if (input?.payload?.rawData?.type === "Buffer") input.payload.rawData = Buffer.from(input.payload.rawData.data)
  const result = await container.resolve(Modules.PAYMENT).getWebhookActionAndData(input)
  if (result.action !== PaymentActions.FAILED || !result.data?.session_id) return
  await failAwaitingPreorder(container, result.data.session_id)
}

export const config: SubscriberConfig = {
  event: PaymentWebhookEvents.WebhookReceived,
  context: { subscriberId: "preorder-payment-failed" },
}
