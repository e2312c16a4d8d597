import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { Modules, PaymentActions, PaymentWebhookEvents } from "@medusajs/framework/utils"
import { settleDeferredPayment } from "../workflows/purchase/settle-deferred"

/**
 * A provider's webhook for a deferred payment (konbini, Pix, SEPA) ends the wait of the saga run
 * it belongs to: paid (authorized or captured) or failed. The provider verifies the signature, so
 * a forged event answers "not supported" and does nothing.
 */
export default async function purchasePaymentWebhookHandler({ event, container }: SubscriberArgs<any>) {
  const input = event.data
  if (input?.payload?.rawData?.type === "Buffer") input.payload.rawData = Buffer.from(input.payload.rawData.data)
  const result = await container.resolve(Modules.PAYMENT).getWebhookActionAndData(input)
  const sessionId = result.data?.session_id
  if (!sessionId) return
  if (result.action === PaymentActions.SUCCESSFUL || result.action === PaymentActions.AUTHORIZED) {
    await settleDeferredPayment(container, sessionId, { paid: true })
  } else if (result.action === PaymentActions.FAILED) {
    await settleDeferredPayment(container, sessionId, { paid: false, reason: "payment_failed" })
  }
}

export const config: SubscriberConfig = {
  event: PaymentWebhookEvents.WebhookReceived,
  context: { subscriberId: "purchase-payment-webhook" },
}
