import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { POINTS_MODULE } from "../../modules/points"
import type PointsModuleService from "../../modules/points/service"
import { PREORDER_MODULE } from "../../modules/preorder"
import type PreorderModuleService from "../../modules/preorder/service"
import { SandboxGateway } from "../../modules/sandbox-payment/gateway"
import { findMethod } from "../../modules/sandbox-payment/methods"
import { preorderCharge, preorderCollectionId, sandboxProvider } from "../../lib/preorder-payment"
import { captureAtProvider } from "../preorder/steps/capture-payment"
import { failPreorder } from "../preorder/fail-preorder"
import { resumePreorderWorkflow } from "../preorder/resume-preorder"
import { resumeRefundWorkflow } from "../refund/resume-refund"
import type { PreorderQuote } from "../preorder/steps/validate-preorder"
import { refundAttemptFailed, refundReleaseKey } from "../refund/refund-failure"
import { mailNames } from "../preorder/steps/send-mail"
import { underSagaLock } from "./settle-failure"

type Outcome = { id: string; action: "resumed" | "compensated" | "skipped"; error?: string }

/** Why a saga was undone: the error that stopped it, or a process that died mid-way. */
export type SagaFailure = { code?: string; message?: string; type?: string }

const INTERRUPTED: SagaFailure = { code: "interrupted", message: "The saga was interrupted and undone" }

/**
 * Where the pivot stands for a pre-order. Card and wallet payments: the provider's charge for the
 * pre-order decides; when it captured but the process died before Medusa recorded it, the pivot is
 * run again, which replays the provider's first answer (same keys, same charge) and records it.
 * Methods settled later: when the provider captured but Medusa never recorded it, authorizing the
 * session again replays the first answer the same way.
 */
async function paymentState(container: MedusaContainer, record: any) {
  const none = { payment: null as any, captured: false, sessions: [] as any[], charge: null as any }
  const quote = record.quote as PreorderQuote
  const viaProvider = !record.payment_collection_id || record.payment_collection_id === preorderCollectionId(record.id)
  if (viaProvider && !findMethod(quote?.country, record.payment_method)?.async) {
    const charge = Number(record.cash_amount) > 0 ? await preorderCharge(container, record.id) : null
    if (!charge || !(Number(charge.captured) > 0)) return { ...none, charge }
    if (!record.payment_id && record.order_id) {
      await captureAtProvider(container, { preorder_id: record.id, order_id: record.order_id, quote, payment: quote.payment! })
    }
    return { ...none, captured: true, charge }
  }
  if (!record.payment_collection_id) return none
  const payments = container.resolve(Modules.PAYMENT)
  const sessions = await payments.listPaymentSessions({ payment_collection_id: record.payment_collection_id } as any, { relations: ["payment", "payment.captures"] })
  const recorded = sessions.find((s: any) => s.payment?.captures?.length)
  if (recorded) return { ...none, payment: recorded.payment, captured: true, sessions }
  const gateway = SandboxGateway.for(container.resolve(ContainerRegistrationKeys.PG_CONNECTION))
  for (const session of sessions) {
    const chargeId = (session.data as any)?.charge_id
    const charge = chargeId ? await gateway.charge(chargeId) : null
    if (charge && Number(charge.captured) > 0) {
      const payment = await payments.authorizePaymentSession(session.id, {})
      return { ...none, payment, captured: true, sessions }
    }
  }
  return { ...none, payment: sessions.find((s: any) => s.payment)?.payment ?? null, sessions }
}

/**
 * Drives one stalled pre-order saga to a terminal state. Past the pivot (money captured at the
 * provider, or nothing to pay and points held) it goes forward; before it, everything is undone.
 * Every action is idempotent, so a compensation that already ran half-way is simply completed.
 */
export async function recoverPreorder(container: MedusaContainer, record: any, failure: SagaFailure = INTERRUPTED): Promise<Outcome> {
  const preorders = container.resolve<PreorderModuleService>(PREORDER_MODULE)
  const points = container.resolve<PointsModuleService>(POINTS_MODULE)
  const cash = Number(record.cash_amount)
  const { payment, captured, sessions, charge } = await paymentState(container, record)
  const held = await points.heldFor(record.customer_id, record.id)
  const pastPivot = cash > 0 ? captured : !!record.order_id && held >= record.points_used

  if (pastPivot && record.order_id) {
    if (payment && !record.payment_id) await preorders.updatePreorders({ id: record.id, payment_id: payment.id })
    await resumePreorderWorkflow(container).run({
      input: { preorder_id: record.id, order_id: record.order_id, quote: record.quote as PreorderQuote },
    })
    return { id: record.id, action: "resumed" }
  }

  const payments = container.resolve(Modules.PAYMENT)
  if (payment) await payments.cancelPayment(payment.id).catch(() => {})
  // A charge the provider made but never captured is voided there.
  if (charge) await sandboxProvider(container).cancelPayment({ data: { charge_id: charge.id } } as any).catch(() => {})
  // Sessions never authorized: deleting them voids their charge at the provider.
  for (const session of sessions) {
    if (!session.payment) await payments.deletePaymentSession(session.id).catch(() => {})
  }
  if (held > 0) {
    await points.post({
      customer_id: record.customer_id,
      kind: "release",
      points: held,
      idempotency_key: `${record.id}:hold:reversal`,
      reference_id: record.id,
      reason: "recovery: interrupted pre-order",
    })
  }
  if (record.order_id) {
    await container.resolve(Modules.ORDER).updateOrders([{ id: record.order_id, status: "canceled" as any } as any])
  }
  await failPreorder(container, record.id, failure)
  return { id: record.id, action: "compensated" }
}

/**
 * Drives one stalled refund: past the pivot (the provider refunded, or there was no cash and the
 * plan is made) it goes forward; before it, the spent points are held again and the order and
 * pre-order return to completed, with an alert for staff.
 */
export async function recoverRefund(container: MedusaContainer, record: any, failure: SagaFailure = INTERRUPTED): Promise<Outcome> {
  const planned = record.refund_amount !== null && record.refund_amount !== undefined
  let refunded = 0
  if (record.payment_id) {
    const payment = await container.resolve(Modules.PAYMENT).retrievePayment(record.payment_id, { relations: ["refunds"] })
    refunded = (payment.refunds ?? []).reduce((sum: number, r: any) => sum + Number(r.amount), 0)
    const chargeId = (payment.data as any)?.charge_id
    if (!refunded && chargeId) {
      const gateway = SandboxGateway.for(container.resolve(ContainerRegistrationKeys.PG_CONNECTION))
      const charge = await gateway.charge(chargeId)
      if (charge && Number(charge.refunded) > 0) {
        // The provider refunded but Medusa never recorded it: the same saga key replays that refund.
        await container.resolve(Modules.PAYMENT).refundPayment({ payment_id: record.payment_id, amount: Number(charge.refunded) })
        refunded = Number(charge.refunded)
      }
    }
  }
  const pastPivot = planned && (Number(record.refund_amount) === 0 || !record.payment_id || refunded >= Number(record.refund_amount) - 1e-9)
  const names = await mailNames(container, record)
  if (pastPivot) {
    await resumeRefundWorkflow(container).run({
      input: {
        preorder_id: record.id,
        customer_id: record.customer_id,
        order_id: record.order_id,
        clawback_points: record.points_earned - record.refund_shortfall_points,
        email: names.email ?? "",
        title: names.title ?? "your game",
        refund_amount: Number(record.refund_amount),
        currency_code: record.currency_code,
        points_used: record.points_used,
      },
    })
    return { id: record.id, action: "resumed" }
  }
  return compensateRefund(container, record, failure, names)
}

/**
 * Undoes a refund attempt that did not reach the pivot: the restored points are held again, the
 * order and pre-order return to completed, the plan is dropped, and the failure is recorded (the
 * player is told, staff alerted, a retry scheduled). Every action is idempotent.
 */
export async function compensateRefund(
  container: MedusaContainer,
  record: any,
  failure: SagaFailure,
  names: { email?: string; title?: string }
): Promise<Outcome> {
  const preorders = container.resolve<PreorderModuleService>(PREORDER_MODULE)
  const points = container.resolve<PointsModuleService>(POINTS_MODULE)
  const releaseKey = refundReleaseKey(record.id, record.refund_attempts)
  const released = await points.listPointsEntries({ idempotency_key: releaseKey })
  if (released.length) {
    await points.post({
      customer_id: record.customer_id,
      kind: "hold",
      points: released[0].amount,
      idempotency_key: `${releaseKey}:reversal`,
      reference_id: record.id,
      reason: "refund undone: spent points held again",
    })
  }
  const order = await container.resolve(Modules.ORDER).retrieveOrder(record.order_id)
  if (order.status === "requires_action") {
    await container.resolve(Modules.ORDER).updateOrders([{ id: record.order_id, status: "completed" as any } as any])
  }
  await preorders.updatePreorders({ id: record.id, refund_amount: null, refund_shortfall_points: 0 })
  await refundAttemptFailed(container, record.id, failure, { email: names.email, title: names.title })
  return { id: record.id, action: "compensated" }
}

/**
 * Finds sagas a dead process left mid-way (pending longer than `stale_ms`) and drives each to
 * completed or fully compensated, one at a time under a lock so two workers never race on one.
 */
export async function recoverStalledSagas(container: MedusaContainer, opts: { stale_ms: number; now?: Date }) {
  const preorders = container.resolve<PreorderModuleService>(PREORDER_MODULE)
  const before = new Date((opts.now ?? new Date()).getTime() - opts.stale_ms)
  const stalled = await preorders.listPreorders(
    { status: ["pending", "refunding"], updated_at: { $lte: before } } as any,
    { take: 100 }
  )
  const outcomes: Outcome[] = []
  for (const record of stalled) {
    try {
      outcomes.push(
        await underSagaLock(container, record.id, async () => {
          const fresh = await preorders.retrievePreorder(record.id)
          if (fresh.status === "refunding") return recoverRefund(container, fresh)
          if (fresh.status !== "pending") return { id: record.id, action: "skipped" as const }
          return recoverPreorder(container, fresh)
        })
      )
    } catch (e: any) {
      outcomes.push({ id: record.id, action: "skipped", error: e.message })
    }
  }
  return outcomes
}
