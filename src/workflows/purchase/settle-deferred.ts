import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError, Modules, TransactionHandlerType } from "@medusajs/framework/utils"
import { PURCHASE_MODULE } from "../../modules/purchase"
import type PurchaseModuleService from "../../modules/purchase/service"
import { purchaseWorkflowId } from "./purchase"
import { fulfilOrderWorkflowId } from "./fulfil-order"
import { AWAIT_PAYMENT_STEP } from "./steps/await-payment"

type Waiting = { workflowId: string; transactionId: string; purchase_id: string | null }
type Outcome = { paid: true } | { paid: false; reason: "payment_failed" | "payment_expired" }

/**
 * The saga run waiting for a payment session: the purchase's (transaction id = purchase id), or,
 * for an order a stock storefront placed, the order's fulfilment (transaction id = order id).
 */
async function waitingRunFor(container: MedusaContainer, sessionId: string): Promise<Waiting | null> {
  const [session] = await container.resolve(Modules.PAYMENT).listPaymentSessions({ id: sessionId }, { select: ["payment_collection_id"] })
  if (!session) return null
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: [link] } = await query.graph({
    entity: "cart_payment_collection",
    fields: ["cart_id"],
    filters: { payment_collection_id: session.payment_collection_id },
  })
  const cartId = (link as any)?.cart_id
  if (!cartId) return null
  const [purchase] = await container
    .resolve<PurchaseModuleService>(PURCHASE_MODULE)
    .listPurchases({ cart_id: cartId }, { select: ["id", "status"], take: 1 })
  if (purchase) {
    return purchase.status === "awaiting_payment" ? { workflowId: purchaseWorkflowId, transactionId: purchase.id, purchase_id: purchase.id } : null
  }
  const { data: [orderLink] } = await query.graph({ entity: "order_cart", fields: ["order_id"], filters: { cart_id: cartId } })
  const orderId = (orderLink as any)?.order_id
  return orderId ? { workflowId: fulfilOrderWorkflowId, transactionId: orderId, purchase_id: null } : null
}

/**
 * Ends the wait of the saga run a deferred payment belongs to: paid → it goes on to authorize and
 * capture; failed or expired → it is undone (order canceled, points released, player told).
 * A run not waiting (settled already, or never deferred) is left alone. Returns whether it moved.
 */
export async function settleDeferredPayment(
  container: MedusaContainer,
  sessionId: string,
  outcome: Outcome
) {
  const run = await waitingRunFor(container, sessionId)
  return run ? endWait(container, run, outcome) : false
}

async function endWait(container: MedusaContainer, run: Waiting, outcome: Outcome) {
  if (!outcome.paid && run.purchase_id) {
    await container.resolve<PurchaseModuleService>(PURCHASE_MODULE).patch(run.purchase_id, { failure_reason: outcome.reason })
  }
  const engine = container.resolve(Modules.WORKFLOW_ENGINE)
  const idempotencyKey = {
    action: TransactionHandlerType.INVOKE,
    transactionId: run.transactionId,
    stepId: AWAIT_PAYMENT_STEP,
    workflowId: run.workflowId,
  }
  try {
    if (outcome.paid) {
      await engine.setStepSuccess({ idempotencyKey, stepResponse: { paid: true }, options: { throwOnError: false } })
    } else {
      const error = new MedusaError(MedusaError.Types.NOT_ALLOWED, "The payment was not made", outcome.reason)
      // The run then compensates; its outcome is the purchase's, not this caller's to throw.
      await engine.setStepFailure({ idempotencyKey, stepResponse: error, options: { throwOnError: false } })
    }
    return true
  } catch {
    // Not waiting on that step (already settled, or another webhook won): nothing to do.
    return false
  }
}

/** Purchases whose payment window closed unpaid (the expiry job): undone as payment_expired. */
export async function expireAwaitingPurchases(container: MedusaContainer, now = new Date()) {
  const purchases = container.resolve<PurchaseModuleService>(PURCHASE_MODULE)
  const due = await purchases.listPurchases(
    { status: "awaiting_payment", payment_due_at: { $lte: now } } as any,
    { select: ["id"], take: 100, order: { payment_due_at: "ASC" } }
  )
  const expired: string[] = []
  for (const purchase of due) {
    const run = { workflowId: purchaseWorkflowId, transactionId: purchase.id, purchase_id: purchase.id }
    if (await endWait(container, run, { paid: false, reason: "payment_expired" })) expired.push(purchase.id)
  }
  return expired
}
