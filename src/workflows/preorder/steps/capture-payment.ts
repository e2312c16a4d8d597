import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { withFaults } from "../../../lib/faults"
import { ContainerRegistrationKeys, MedusaError, Modules } from "@medusajs/framework/utils"
import { PREORDER_MODULE } from "../../../modules/preorder"
import type PreorderModuleService from "../../../modules/preorder/service"
import type { PreorderQuote } from "./validate-preorder"
import { findMethod } from "../../../modules/sandbox-payment/methods"
import { announceSettled } from "../../../lib/settlement"
import { sendMail } from "./send-mail"

export const SANDBOX_PROVIDER = "pp_sandbox_sandbox"

export type CapturePaymentInput = {
  preorder_id: string
  order_id: string
  quote: PreorderQuote
  payment: { method: string; account?: string; authentication?: string }
}

/** A captured payment, or none yet for a method the payer settles later (awaiting). */
type PaymentOutcome = { payment_id: string | null; awaiting: boolean }

function reasonOf(error: any, session: any): string {
  if (error?.code === "provider_timeout" || /did not answer in time/.test(error?.message ?? "")) return "timeout"
  if (session?.status === "requires_more") return "authentication_required"
  if (session?.data?.decline_reason || session?.status === "error") return "declined"
  return "payment_failed"
}

/**
 * Saga step 5, the pivot: authorize and capture the cash part (automatic capture). Every gateway call is keyed by the
 * pre-order id, so a rerun after a crash replays the first result instead of charging twice. It
 * has no compensation: once it succeeds the saga only goes forward; when it fails it cleans up its
 * own authorization and the saga compensates the earlier steps.
 */
export const capturePaymentStep = createStep(
  "capture-preorder-payment",
  withFaults("capture-preorder-payment", async (input: CapturePaymentInput, { container }): Promise<StepResponse<PaymentOutcome>> => {
    const preorders = container.resolve<PreorderModuleService>(PREORDER_MODULE)
    const record = await preorders.retrievePreorder(input.preorder_id)
    if (record.payment_id) return new StepResponse<PaymentOutcome>({ payment_id: record.payment_id, awaiting: false })

    const payments = container.resolve(Modules.PAYMENT)
    const q = input.quote
    let collectionId = record.payment_collection_id
    if (collectionId) {
      // A rerun: a payment Medusa already recorded for this collection is the one to keep.
      const [paid] = await payments.listPayments({ payment_collection_id: collectionId } as any, { relations: ["captures"], take: 1 })
      if (paid?.captures?.length) {
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
        data: { ...input.payment, country: q.country, saga_key: input.preorder_id, capture: "automatic" },
        context: { idempotency_key: `${input.preorder_id}:charge` } as any,
      })
      // Authorization with automatic capture: one provider call, and Medusa records the capture.
      const payment = await payments.authorizePaymentSession(session.id, {})
      if (!payment && findMethod(q.country, q.payment_method)?.async) {
        // Konbini, Pix, SEPA: the payer pays later; the provider's webhook settles the pivot.
        const waiting = await payments.retrievePaymentSession(session.id)
        await preorders.updatePreorders({ id: record.id, payment_instructions: (waiting.data as any)?.instructions ?? null })
        await preorders.transition(record.id, "pending", "awaiting_payment")
        await sendMail(container, {
          to: q.email,
          customer_id: q.customer_id,
          template: "preorder-awaiting-payment",
          idempotency_key: `${input.preorder_id}:awaiting-payment`,
          data: { ...q, preorder_id: input.preorder_id, instructions: (waiting.data as any)?.instructions },
        })
        announceSettled(input.preorder_id)
        return new StepResponse<PaymentOutcome>({ payment_id: null, awaiting: true })
      }
      if (!payment) throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "Payment not authorized")
      await preorders.updatePreorders({ id: record.id, payment_id: payment.id })
      return new StepResponse<PaymentOutcome>({ payment_id: payment.id, awaiting: false })
    } catch (error: any) {
      const latest = session ? await payments.retrievePaymentSession(session.id).catch(() => session) : null
      if (session) await payments.deletePaymentSession(session.id).catch(() => {})
      throw new MedusaError(
        MedusaError.Types.PAYMENT_AUTHORIZATION_ERROR,
        `Payment failed: ${reasonOf(error, latest)}`,
        reasonOf(error, latest)
      )
    }
  })
)
