import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { PREORDER_MODULE } from "../../modules/preorder"
import type PreorderModuleService from "../../modules/preorder/service"
import { paymentWindowMinutes } from "../../modules/sandbox-payment/methods"
import { recoverPreorder } from "../recovery/recover-sagas"
import { underSagaLock } from "../recovery/settle-failure"

/**
 * Pre-orders paid with an asynchronous method (konbini, Pix, SEPA) wait in `awaiting_payment`
 * after the saga's first four steps, with the points held and the order pending. The provider's
 * signed webhook settles them: paid → the pivot is passed and the saga goes forward; failed or
 * not paid in the method's window → everything is undone and the player told why.
 */
async function awaitingFor(container: MedusaContainer, collectionId: string) {
  const preorders = container.resolve<PreorderModuleService>(PREORDER_MODULE)
  const [record] = await preorders.listPreorders({ payment_collection_id: collectionId, status: "awaiting_payment" }, { take: 1 })
  return record ?? null
}

/** Moves the pre-order back into the saga (awaiting_payment → pending) and drives it to its end. */
function settle(container: MedusaContainer, id: string, failure: { code: string; message: string } | null) {
  return underSagaLock(container, id, async () => {
    const preorders = container.resolve<PreorderModuleService>(PREORDER_MODULE)
    if (!(await preorders.transition(id, "awaiting_payment", "pending"))) return null
    // recoverPreorder decides by the provider's state: captured → forward, otherwise undone.
    return recoverPreorder(container, await preorders.retrievePreorder(id), failure ?? undefined)
  })
}

/** Medusa recorded a capture (the webhook's `payment.succeeded`): finish the waiting pre-order. */
export async function completeAwaitingPreorder(container: MedusaContainer, paymentId: string) {
  const payment = await container.resolve(Modules.PAYMENT).retrievePayment(paymentId)
  const record = await awaitingFor(container, payment.payment_collection_id)
  if (!record) return null
  return settle(container, record.id, null)
}

/** The provider reported the payment failed: undo the waiting pre-order. */
export async function failAwaitingPreorder(container: MedusaContainer, sessionId: string) {
  const session = await container.resolve(Modules.PAYMENT).retrievePaymentSession(sessionId)
  const record = await awaitingFor(container, session.payment_collection_id)
  if (!record) return null
  return settle(container, record.id, { code: "payment_failed", message: "The payment provider reported the payment failed" })
}

/** Pre-orders whose payment window closed without a payment (the recovery job runs this). */
export async function expireAwaitingPreorders(container: MedusaContainer, now = new Date()) {
  const preorders = container.resolve<PreorderModuleService>(PREORDER_MODULE)
  const waiting = await preorders.listPreorders({ status: "awaiting_payment" }, { take: 200, order: { updated_at: "ASC" } })
  const outcomes: unknown[] = []
  for (const record of waiting) {
    const window = paymentWindowMinutes(record.payment_method)
    if (record.updated_at.getTime() + window * 60_000 > now.getTime()) continue
    outcomes.push(
      await settle(container, record.id, { code: "payment_expired", message: "The payment was not made in time" }).catch(() => null)
    )
  }
  return outcomes.filter(Boolean)
}
