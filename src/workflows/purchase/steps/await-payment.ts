import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { MedusaError, Modules } from "@medusajs/framework/utils"
import { capturePaymentWorkflow } from "@medusajs/medusa/core-flows"
import { withFaults } from "../../faults"
import { announceSettled } from "../../settlement"
import { pointsToCash } from "../../../modules/points/values"
import { PURCHASE_MODULE } from "../../../modules/purchase"
import type PurchaseModuleService from "../../../modules/purchase/service"
import { paymentWindowMinutes } from "../../../modules/sandbox-payment/methods"
import { sendMail } from "../../steps/send-mail"
import { purchaseKeys } from "../keys"
import type { PlacedOrder } from "./load-order"

export const AWAIT_PAYMENT_STEP = "await-purchase-payment"

/**
 * The order is placed and its payment is deferred (a konbini slip, a Pix code, a SEPA debit): the
 * purchase shows the payer's instructions and when they must pay by, and the player is mailed them.
 */
export const markAwaitingPaymentStep = createStep(
  "mark-awaiting-payment",
  withFaults("mark-awaiting-payment", async (input: { order: PlacedOrder }, { container }) => {
    const o = input.order
    const data = o.deferred_session?.data ?? {}
    const window = paymentWindowMinutes(data.method)
    const due = new Date(Date.now() + window * 60_000)
    const instructions = (data.instructions ?? null) as Record<string, unknown> | null
    if (o.purchase_id) {
      await container.resolve<PurchaseModuleService>(PURCHASE_MODULE).transition(o.purchase_id, ["pending"], "awaiting_payment", {
        order_id: o.order_id,
        payment_instructions: instructions,
        payment_due_at: due,
      })
      announceSettled(o.purchase_id)
    }
    await sendMail(container, {
      to: o.email ?? "",
      customer_id: o.customer_id,
      template: "purchase-awaiting-payment",
      idempotency_key: purchaseKeys.awaitingMail(o.order_id),
      data: {
        order_id: o.order_id,
        games: o.games.map((g) => ({ title: g.title })),
        cash_amount: Math.round((o.total - pointsToCash(o.points_used, o.currency_code)) * 1e6) / 1e6,
        currency_code: o.currency_code,
        instructions,
        due_at: due.toISOString(),
      },
    })
    return new StepResponse({ due_at: due.toISOString() })
  })
)

/**
 * Waits for the provider's webhook when the order's payment is deferred (the purchase-payment-webhook
 * subscriber ends this step: success when paid, failure when the payment failed or its window
 * closed); an order paid at once passes at once. It sits outside the `when` branch on purpose: Medusa
 * runs an async step inside a condition in the background, so it would not wait there.
 */
export const awaitPurchasePaymentStep = createStep(
  { name: AWAIT_PAYMENT_STEP, async: true, maxRetries: 0 },
  async (input: { order: PlacedOrder }) => {
    // Returning a response completes an async step now; returning nothing leaves it waiting.
    if (!input.order.deferred_session) return new StepResponse({ waited: false })
  }
)

/**
 * Paid: the deferred session is authorized through the payment module (the provider answers that
 * the money arrived, so Medusa records the payment as captured). Medusa's own webhook handler
 * (processPaymentWorkflow) handles the same webhook at the same moment: it authorizes the session
 * too and records the capture on the order through its capture flow. Both hold the cart's lock, as
 * Medusa's handler does, so they take turns; whichever goes first records the capture's order
 * transaction and the other finds it (Medusa's add-order-transaction skips a capture recorded
 * already). Without our own record the saga could complete the order before Medusa's handler got
 * to it, or with no record at all when that handler failed.
 */
export const authorizeDeferredPaymentStep = createStep(
  "authorize-deferred-payment",
  withFaults("authorize-deferred-payment", async (input: { order: PlacedOrder }, { container }) => {
    const session = input.order.deferred_session
    if (!session) return new StepResponse({ authorized: false })
    const payments = container.resolve(Modules.PAYMENT)
    const authorize = async () => {
      try {
        await payments.authorizePaymentSession(session.id, {})
      } catch (e: any) {
        const [again] = await payments.listPaymentSessions({ id: session.id }, { relations: ["payment"] })
        if (!(again as any)?.payment) {
          throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `The deferred payment was not authorized: ${e.message}`, "payment_failed")
        }
      }
      const [paid] = await payments.listPaymentSessions({ id: session.id }, { relations: ["payment"] })
      const payment = (paid as any)?.payment
      // Captured by the provider's answer: Medusa's capture flow on a captured payment takes no
      // second capture, it records the capture on the order. Only authorized: the pivot captures it.
      if (payment?.captured_at) await capturePaymentWorkflow(container).run({ input: { payment_id: payment.id } })
    }
    if (input.order.cart_id) await container.resolve(Modules.LOCKING).execute(input.order.cart_id, authorize, { timeout: 30 })
    else await authorize()
    return new StepResponse({ authorized: true })
  })
)
