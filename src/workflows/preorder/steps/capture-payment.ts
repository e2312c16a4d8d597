import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { withFaults } from "../../../lib/faults"
import { ContainerRegistrationKeys, MedusaError, Modules } from "@medusajs/framework/utils"
import { PREORDER_MODULE } from "../../../modules/preorder"
import type PreorderModuleService from "../../../modules/preorder/service"
import type { PreorderQuote } from "./validate-preorder"
import { findMethod } from "../../../modules/sandbox-payment/methods"
import { isProviderTimeout } from "../../../modules/sandbox-payment/service"
import { announceSettled } from "../../../lib/settlement"
import { quoteMailData, sendMail } from "./send-mail"
import { chargeProvider, preorderChargeKey, recordCapture, recordedPayment, SANDBOX_PROVIDER } from "../../../lib/preorder-payment"

export type CapturePaymentInput = {
  preorder_id: string
  order_id: string
  quote: PreorderQuote
  payment: { method: string; account?: string; authentication?: string }
}

/** A captured payment, or none yet for a method the payer settles later (awaiting). */
type PaymentOutcome = { payment_id: string | null; awaiting: boolean }

function reasonOf(error: any, session: any): string {
  if (isProviderTimeout(error)) return "timeout"
  if (session?.status === "requires_more") return "authentication_required"
  if (session?.data?.decline_reason || session?.status === "error") return "declined"
  return "payment_failed"
}

/**
 * Saga step 5, the pivot: the cash part is authorized and captured at the provider in one call,
 * keyed by the pre-order, so a rerun after a crash replays the first result instead of charging
 * twice; then Medusa's payment records are written in one transaction. It has no compensation:
 * once it succeeds the saga only goes forward; when it fails it voids its own charge and the saga
 * compensates the earlier steps. Methods the payer settles later take Medusa's session flow, which
 * the provider's webhook completes.
 */
export const capturePaymentStep = createStep(
  "capture-preorder-payment",
  withFaults("capture-preorder-payment", async (input: CapturePaymentInput, { container }): Promise<StepResponse<PaymentOutcome>> => {
    const preorders = container.resolve<PreorderModuleService>(PREORDER_MODULE)
    const record = await preorders.retrievePreorder(input.preorder_id)
    if (record.payment_id) return new StepResponse<PaymentOutcome>({ payment_id: record.payment_id, awaiting: false })
    if (findMethod(input.quote.country, input.quote.payment_method)?.async) return awaitPayment(container, input, record)
    return new StepResponse<PaymentOutcome>({ payment_id: await captureAtProvider(container, input), awaiting: false })
  })
)

/**
 * The provider's charge and Medusa's record of it, stored on the pre-order. Run again (a rerun, or
 * recovery after a crash past the provider's capture) it replays the provider's first answer.
 */
export async function captureAtProvider(container: any, input: CapturePaymentInput): Promise<string> {
  const q = input.quote
  const money = { preorder_id: input.preorder_id, amount: q.cash_amount, currency_code: q.currency_code }
  const data = await chargeProvider(container, { ...money, country: q.country, payment: input.payment })
  const recorded = await recordCapture(container, { ...money, order_id: input.order_id, data })
  await container.resolve(PREORDER_MODULE).patch(input.preorder_id, recorded)
  return recorded.payment_id
}

/**
 * Konbini, Pix, SEPA: a Medusa payment session the payer settles later; the provider's signed
 * webhook (Medusa's /hooks/payment) then captures it and resumes the saga.
 */
async function awaitPayment(container: any, input: CapturePaymentInput, record: any): Promise<StepResponse<PaymentOutcome>> {
  const preorders = container.resolve(PREORDER_MODULE) as PreorderModuleService
  const payments = container.resolve(Modules.PAYMENT)
  const q = input.quote
  let collectionId = record.payment_collection_id
  if (collectionId) {
    // A rerun: a payment Medusa already recorded for this collection is the one to keep.
    const paid = await recordedPayment(container, collectionId)
    if (paid) {
      await preorders.updatePreorders({ id: record.id, payment_id: paid.id })
      return new StepResponse<PaymentOutcome>({ payment_id: paid.id, awaiting: false })
    }
  } else {
    const [collection] = await payments.createPaymentCollections([{ currency_code: q.currency_code, amount: q.cash_amount }])
    collectionId = collection.id
    await preorders.updatePreorders({ id: record.id, payment_collection_id: collectionId })
    await container.resolve(ContainerRegistrationKeys.LINK).create({
      [Modules.ORDER]: { order_id: input.order_id },
      [Modules.PAYMENT]: { payment_collection_id: collectionId },
    })
  }
  let session: any = null
  try {
    session = await payments.createPaymentSession(collectionId, {
      provider_id: SANDBOX_PROVIDER,
      currency_code: q.currency_code,
      amount: q.cash_amount,
      data: { ...input.payment, country: q.country, saga_key: input.preorder_id },
      context: { idempotency_key: preorderChargeKey(input.preorder_id) } as any,
    })
    const payment = await payments.authorizePaymentSession(session.id, {})
    if (payment) {
      // Paid already (a rerun after the webhook came): Medusa recorded it.
      await preorders.updatePreorders({ id: record.id, payment_id: payment.id })
      return new StepResponse<PaymentOutcome>({ payment_id: payment.id, awaiting: false })
    }
    const waiting = await payments.retrievePaymentSession(session.id)
    const instructions = (waiting.data as any)?.instructions ?? null
    await preorders.updatePreorders({ id: record.id, payment_instructions: instructions })
    await preorders.transition(record.id, "pending", "awaiting_payment")
    await sendMail(container, {
      to: q.email,
      customer_id: q.customer_id,
      template: "preorder-awaiting-payment",
      idempotency_key: `${input.preorder_id}:awaiting-payment`,
      data: { ...quoteMailData(q), preorder_id: input.preorder_id, instructions },
    })
    announceSettled(input.preorder_id)
    return new StepResponse<PaymentOutcome>({ payment_id: null, awaiting: true })
  } catch (error: any) {
    const latest = session ? await payments.retrievePaymentSession(session.id).catch(() => session) : null
    if (session) await payments.deletePaymentSession(session.id).catch(() => {})
    throw new MedusaError(MedusaError.Types.PAYMENT_AUTHORIZATION_ERROR, `Payment failed: ${reasonOf(error, latest)}`, reasonOf(error, latest))
  }
}
