import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules, TransactionState } from "@medusajs/framework/utils"
import { fulfilOrderWorkflow, fulfilOrderWorkflowId } from "./purchase/fulfil-order"
import { purchaseWorkflow, purchaseWorkflowId } from "./purchase/purchase"
import { settlePurchaseRun } from "./purchase/settle-run"
import { AWAIT_PAYMENT_STEP } from "./purchase/steps/await-payment"
import { isFinishedState, purchaseOfCompletion, undoInterruptedCompletion } from "./purchase/interrupted-completion"
import { completeCartWorkflowId } from "@medusajs/medusa/core-flows"
import { refundGamesWorkflow, refundGamesWorkflowId } from "./game-refund/refund-games"
import { parseRefundTransactionId, refundTransactionId, runRefundAttempt, settleRefundRun } from "./game-refund/request-refund"
import { announceOrphanedDeliveries, giftAnswerWorkflowIds, redriveGiftAnswer } from "./gift/recovery"
import { PURCHASE_MODULE } from "../modules/purchase"
import type PurchaseModuleService from "../modules/purchase/service"

const UNFINISHED = [TransactionState.NOT_STARTED, TransactionState.INVOKING, TransactionState.COMPENSATING, TransactionState.WAITING_TO_COMPENSATE]

/** This process's start: with the in-memory engine, nothing stored before it can still be running. */
const PROCESS_START = Date.now()

/**
 * Sagas a dead process left unfinished, found by the workflow engine's own stored executions, are
 * driven on by the same workflows: the engine resumes each from its last checkpoint, where every
 * step after it runs again (each finds its first effect by its idempotency key, and the provider
 * replays its first answer for the same key) or, before the pivot, the workflow's own
 * compensation undoes it. A saga waiting for a deferred payment is waiting, not stuck. The
 * answers of gifts (accept-gift, close-gift) are stored workflows too, re-driven the same way; a
 * refund recorded whose saga never stored its first checkpoint is started, and gifts delivered
 * but never announced are announced.
 * With the in-memory engine every execution stored before this process started is orphaned; with
 * Redis (several processes) one untouched for `stale_ms` is.
 */
export async function recoverSagas(container: MedusaContainer, options: { stale_ms?: number; now?: Date } = {}) {
  const now = (options.now ?? new Date()).getTime()
  const shared = !!process.env.REDIS_URL
  const cutoff = options.stale_ms !== undefined ? now - options.stale_ms : shared ? now - 60_000 : PROCESS_START
  const engine = container.resolve(Modules.WORKFLOW_ENGINE)
  const executions = await engine.listWorkflowExecutions(
    { workflow_id: [purchaseWorkflowId, fulfilOrderWorkflowId, refundGamesWorkflowId, ...giftAnswerWorkflowIds], state: UNFINISHED } as any,
    { select: ["workflow_id", "transaction_id", "execution", "updated_at"], take: 200, order: { updated_at: "ASC" } }
  )
  const recovered: { workflow_id: string; transaction_id: string }[] = []
  for (const e of executions as any[]) {
    if (new Date(e.updated_at).getTime() >= cutoff) continue
    if (waitingForPayment(e.execution)) continue
    const id = e.transaction_id as string
    try {
      const run = await redrive(container, e.workflow_id, id, e.execution)
      if (!run) continue
      if (e.workflow_id === purchaseWorkflowId) await settlePurchaseRun(container, id, run.errors)
      if (e.workflow_id === refundGamesWorkflowId) {
        const { refund_id, attempt } = parseRefundTransactionId(id)
        await settleRefundRun(container, refund_id, attempt, run)
      }
      recovered.push({ workflow_id: e.workflow_id, transaction_id: id })
    } catch {
      // Picked up again on the next round.
    }
  }
  // A purchase recorded whose saga had not stored its first checkpoint when the process died: the
  // engine knows nothing of it, so it is started now, as its request would have started it.
  const unstarted = await container
    .resolve<PurchaseModuleService>(PURCHASE_MODULE)
    .listPurchases({ status: "pending", created_at: { $lt: new Date(cutoff) } } as any, { select: ["id", "cart_id"], take: 100 })
  if (unstarted.length) {
    const known = await engine.listWorkflowExecutions(
      { workflow_id: purchaseWorkflowId, transaction_id: unstarted.map((p) => p.id) } as any,
      { select: ["transaction_id"] }
    )
    const started = new Set((known as any[]).map((e) => e.transaction_id))
    for (const purchase of unstarted.filter((p) => !started.has(p.id))) {
      try {
        const { errors } = await purchaseWorkflow(container).run({
          input: { purchase_id: purchase.id, cart_id: purchase.cart_id },
          context: { transactionId: purchase.id },
          throwOnError: false,
        })
        await settlePurchaseRun(container, purchase.id, errors)
        recovered.push({ workflow_id: purchaseWorkflowId, transaction_id: purchase.id })
      } catch {
        // Picked up again on the next round.
      }
    }
  }
  await settleOrphanedCompletions(container, cutoff)
  // A run writes its execution as it begins, so a refund with none for a minute never began.
  const unbegun = options.stale_ms !== undefined ? cutoff : Math.max(cutoff, now - 60_000)
  for (const id of await settleOrphanedRefunds(container, unbegun)) recovered.push({ workflow_id: refundGamesWorkflowId, transaction_id: id })
  await announceOrphanedDeliveries(container, new Date(cutoff)).catch(() => {})
  return recovered
}

/**
 * A refund recorded as refunding whose attempt has no stored execution (the process died between
 * recording it and starting its saga) is started now; one whose attempt's saga ended undone
 * before its run was settled is settled now (failed, with its next retry).
 */
async function settleOrphanedRefunds(container: MedusaContainer, before: number) {
  const refunds = await container
    .resolve<PurchaseModuleService>(PURCHASE_MODULE)
    .listGameRefunds({ status: "refunding", updated_at: { $lt: new Date(before) } } as any, { select: ["id", "attempts"], take: 100, order: { updated_at: "ASC" } })
  if (!refunds.length) return []
  const engine = container.resolve(Modules.WORKFLOW_ENGINE)
  const runs = (await engine.listWorkflowExecutions(
    { workflow_id: refundGamesWorkflowId, transaction_id: refunds.map((r) => refundTransactionId(r.id, r.attempts)) } as any,
    { select: ["transaction_id", "state", "context"] }
  )) as any[]
  const started: string[] = []
  for (const refund of refunds) {
    const id = refundTransactionId(refund.id, refund.attempts)
    const stored = runs.filter((r) => r.transaction_id === id)
    try {
      if (!stored.length) {
        await runRefundAttempt(container, refund.id, refund.attempts)
        started.push(id)
      } else if (stored.every((r) => ["reverted", "failed"].includes(r.state))) {
        const errors = (stored[0].context?.errors ?? []) as { error: any }[]
        await settleRefundRun(container, refund.id, refund.attempts, { errors: errors.length ? errors : [{ error: { code: "refund_failed" } }] })
        started.push(id)
      }
    } catch {
      // Picked up again on the next round.
    }
  }
  return started
}

/**
 * A cart completion a purchase saga started, left unfinished by a dead process, whose saga has
 * finished since (or never stored itself): no place-order will run for it again, so what it did
 * is undone here — its order, unless it is the one the purchase kept. One whose saga is still
 * unfinished is left to that saga's place-order, which undoes it before its next attempt.
 */
async function settleOrphanedCompletions(container: MedusaContainer, cutoff: number) {
  const engine = container.resolve(Modules.WORKFLOW_ENGINE)
  const stale = ((await engine.listWorkflowExecutions(
    { workflow_id: completeCartWorkflowId, state: UNFINISHED } as any,
    { select: ["transaction_id", "updated_at"], take: 200, order: { updated_at: "ASC" } }
  )) as any[]).filter((e) => new Date(e.updated_at).getTime() < cutoff && purchaseOfCompletion(e.transaction_id))
  if (!stale.length) return
  const byPurchase = new Map<string, string[]>()
  for (const e of stale) {
    const id = purchaseOfCompletion(e.transaction_id)!
    byPurchase.set(id, [...(byPurchase.get(id) ?? []), e.transaction_id])
  }
  const sagas = (await engine.listWorkflowExecutions(
    { workflow_id: purchaseWorkflowId, transaction_id: [...byPurchase.keys()] } as any,
    { select: ["transaction_id", "state"] }
  )) as any[]
  const purchases = await container
    .resolve<PurchaseModuleService>(PURCHASE_MODULE)
    .listPurchases({ id: [...byPurchase.keys()] }, { select: ["id", "cart_id", "status", "order_id"] })
  for (const purchase of purchases) {
    const runs = sagas.filter((s) => s.transaction_id === purchase.id)
    if (runs.some((s) => !isFinishedState(s.state))) continue
    // Not started yet: the pass above starts it, and its place-order finds this completion.
    if (!runs.length && purchase.status === "pending") continue
    try {
      await undoInterruptedCompletion(container, {
        purchase_id: purchase.id,
        cart_id: purchase.cart_id,
        transaction_ids: byPurchase.get(purchase.id)!,
        keep_order_id: ["failed"].includes(purchase.status) ? null : purchase.order_id,
        fail_unpaid: false,
      })
    } catch {
      // Picked up again on the next round.
    }
  }
}

/**
 * Drives one stored execution on with the engine's own calls: a step the dead process was inside
 * (its checkpoint says invoking, or compensating) is retried — every saga step can run twice —
 * and otherwise the run resumes from its last checkpoint.
 */
async function redrive(container: MedusaContainer, workflowId: string, transactionId: string, execution: any) {
  const engine = container.resolve(Modules.WORKFLOW_ENGINE)
  const steps = (Object.values(execution?.steps ?? {}) as any[]).filter((s) => s.id !== "_root")
  const actionOf = (s: any) => (s.definition?.action as string | undefined) ?? String(s.id).split(".").pop()!
  const compensating = steps.filter((s) => s.compensate?.state === "compensating")
  const inflight = steps.filter((s) => s.invoke?.state === "invoking" && !String(s.id).endsWith(AWAIT_PAYMENT_STEP))
  const pending = compensating.length ? compensating.map((s) => [s, "compensate"] as const) : inflight.map((s) => [s, "invoke"] as const)
  if (pending.length) {
    let last: any
    for (const [step, action] of pending) {
      last = await engine.retryStep({
        idempotencyKey: { action, transactionId, stepId: actionOf(step), workflowId },
        options: { throwOnError: false },
      })
    }
    return last as { errors?: { error: any }[]; transaction?: any }
  }
  if (workflowId === purchaseWorkflowId) {
    const [purchase] = await container
      .resolve<PurchaseModuleService>(PURCHASE_MODULE)
      .listPurchases({ id: transactionId }, { select: ["id", "cart_id", "status"], take: 1 })
    if (!purchase || purchase.status === "awaiting_payment") return null
    return purchaseWorkflow(container).run({ input: { purchase_id: transactionId, cart_id: purchase.cart_id }, context: { transactionId }, throwOnError: false })
  }
  if (giftAnswerWorkflowIds.includes(workflowId)) return redriveGiftAnswer(container, workflowId, transactionId)
  if (workflowId === fulfilOrderWorkflowId) {
    return fulfilOrderWorkflow(container).run({ input: { order_id: transactionId }, context: { transactionId }, throwOnError: false })
  }
  const { refund_id, attempt } = parseRefundTransactionId(transactionId)
  return refundGamesWorkflow(container).run({ input: { refund_id, attempt }, context: { transactionId }, throwOnError: false })
}

function waitingForPayment(execution: any) {
  const steps = Object.values(execution?.steps ?? {}) as any[]
  return steps.some((s) => String(s.id).endsWith(AWAIT_PAYMENT_STEP) && s.invoke?.state === "invoking")
}
