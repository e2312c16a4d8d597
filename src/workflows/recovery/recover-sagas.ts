import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { GAME_MODULE } from "../../modules/game"
import type GameModuleService from "../../modules/game/service"
import { POINTS_MODULE } from "../../modules/points"
import type PointsModuleService from "../../modules/points/service"
import { PREORDER_MODULE } from "../../modules/preorder"
import type PreorderModuleService from "../../modules/preorder/service"
import { SandboxGateway } from "../../modules/sandbox-payment/gateway"
import { failPreorder } from "../preorder/start-preorder"
import { resumePreorderWorkflow } from "../preorder/resume-preorder"
import { resumeRefundWorkflow } from "../refund/resume-refund"
import type { PreorderQuote } from "../preorder/steps/validate-preorder"

type Outcome = { id: string; action: "resumed" | "compensated" | "skipped"; error?: string }

async function paymentState(container: MedusaContainer, collectionId: string | null) {
  if (!collectionId) return { payment: null, capturedAtGateway: false, capturedInMedusa: false }
  const payments = container.resolve(Modules.PAYMENT)
  const list = await payments.listPayments({ payment_collection_id: collectionId } as any, { relations: ["captures"] })
  const payment = list[0] ?? null
  const capturedInMedusa = !!payment?.captures?.length
  let capturedAtGateway = capturedInMedusa
  const chargeId = (payment?.data as any)?.charge_id
  if (!capturedAtGateway && chargeId) {
    const gateway = new SandboxGateway(container.resolve(ContainerRegistrationKeys.PG_CONNECTION))
    const charge = await gateway.charge(chargeId)
    capturedAtGateway = !!charge && Number(charge.captured) > 0
  }
  return { payment, capturedAtGateway, capturedInMedusa }
}

async function quoteOf(container: MedusaContainer, record: any): Promise<PreorderQuote> {
  const game = await container.resolve<GameModuleService>(GAME_MODULE).retrieveGame(record.game_id)
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: [customer] } = await query.graph({ entity: "customer", fields: ["email"], filters: { id: record.customer_id } })
  return {
    customer_id: record.customer_id,
    email: customer?.email,
    game_id: record.game_id,
    title: game.title,
    product_id: game.product_id,
    variant_id: record.variant_id,
    release_at: new Date(game.release_at).toISOString(),
    country: "",
    region_id: record.region_id,
    currency_code: record.currency_code,
    total: Number(record.total),
    points_used: record.points_used,
    cash_amount: Number(record.cash_amount),
    payment_method: record.payment_method,
  }
}

/**
 * Drives one stalled pre-order saga to a terminal state. Past the pivot (money captured at the
 * provider, or nothing to pay and points held) it goes forward; before it, everything is undone.
 * Every action is idempotent, so a compensation that already ran half-way is simply completed.
 */
async function recoverPreorder(container: MedusaContainer, record: any): Promise<Outcome> {
  const preorders = container.resolve<PreorderModuleService>(PREORDER_MODULE)
  const points = container.resolve<PointsModuleService>(POINTS_MODULE)
  const cash = Number(record.cash_amount)
  const { payment, capturedAtGateway, capturedInMedusa } = await paymentState(container, record.payment_collection_id)
  const held = await points.heldFor(record.customer_id, record.id)
  const pastPivot = cash > 0 ? capturedAtGateway : !!record.order_id && held >= record.points_used

  if (pastPivot && record.order_id) {
    if (payment && !capturedInMedusa) {
      // The provider captured but the process died before Medusa recorded it: the capture call
      // replays the provider's first answer (same charge), so nothing is charged twice.
      await container.resolve(Modules.PAYMENT).capturePayment({ payment_id: payment.id, amount: cash })
    }
    if (payment && !record.payment_id) await preorders.updatePreorders({ id: record.id, payment_id: payment.id })
    await resumePreorderWorkflow(container).run({
      input: { preorder_id: record.id, order_id: record.order_id, quote: await quoteOf(container, record) },
    })
    return { id: record.id, action: "resumed" }
  }

  if (payment) await container.resolve(Modules.PAYMENT).cancelPayment(payment.id).catch(() => {})
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
  await failPreorder(container, record.id, { code: "interrupted", message: "The pre-order was interrupted and undone" })
  return { id: record.id, action: "compensated" }
}

/**
 * Drives one stalled refund: past the pivot (the provider refunded, or there was no cash and the
 * plan is made) it goes forward; before it, the spent points are held again and the order and
 * pre-order return to completed, with an alert for staff.
 */
async function recoverRefund(container: MedusaContainer, record: any): Promise<Outcome> {
  const preorders = container.resolve<PreorderModuleService>(PREORDER_MODULE)
  const points = container.resolve<PointsModuleService>(POINTS_MODULE)
  const planned = record.refund_amount !== null && record.refund_amount !== undefined
  let refunded = 0
  if (record.payment_id) {
    const payment = await container.resolve(Modules.PAYMENT).retrievePayment(record.payment_id, { relations: ["refunds"] })
    refunded = (payment.refunds ?? []).reduce((sum: number, r: any) => sum + Number(r.amount), 0)
    const chargeId = (payment.data as any)?.charge_id
    if (!refunded && chargeId) {
      const gateway = new SandboxGateway(container.resolve(ContainerRegistrationKeys.PG_CONNECTION))
      const charge = await gateway.charge(chargeId)
      if (charge && Number(charge.refunded) > 0) {
        // The provider refunded but Medusa never recorded it: the same saga key replays that refund.
        await container.resolve(Modules.PAYMENT).refundPayment({ payment_id: record.payment_id, amount: Number(charge.refunded) })
        refunded = Number(charge.refunded)
      }
    }
  }
  const pastPivot = planned && (Number(record.refund_amount) === 0 || !record.payment_id || refunded >= Number(record.refund_amount) - 1e-9)
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: [customer] } = await query.graph({ entity: "customer", fields: ["email"], filters: { id: record.customer_id } })
  const game = await container.resolve<GameModuleService>(GAME_MODULE).retrieveGame(record.game_id)
  if (pastPivot) {
    await resumeRefundWorkflow(container).run({
      input: {
        preorder_id: record.id,
        customer_id: record.customer_id,
        order_id: record.order_id,
        clawback_points: record.points_earned - record.refund_shortfall_points,
        email: customer?.email,
        title: game.title,
        refund_amount: Number(record.refund_amount),
        currency_code: record.currency_code,
        points_used: record.points_used,
      },
    })
    return { id: record.id, action: "resumed" }
  }
  const released = await points.listPointsEntries({ idempotency_key: `${record.id}:refund:release` })
  if (released.length) {
    await points.post({
      customer_id: record.customer_id,
      kind: "hold",
      points: released[0].amount,
      idempotency_key: `${record.id}:refund:release:reversal`,
      reference_id: record.id,
      reason: "recovery: interrupted refund",
    })
  }
  const order = await container.resolve(Modules.ORDER).retrieveOrder(record.order_id)
  if (order.status === "requires_action") {
    await container.resolve(Modules.ORDER).updateOrders([{ id: record.order_id, status: "completed" as any } as any])
  }
  await preorders.updatePreorders({ id: record.id, refund_amount: null, refund_shortfall_points: 0, refund_failure: "interrupted: the refund was undone, ask again" })
  await preorders.transition(record.id, "refunding", "completed")
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
  const locking = container.resolve(Modules.LOCKING)
  const outcomes: Outcome[] = []
  for (const record of stalled) {
    try {
      outcomes.push(
        await locking.execute(`saga:${record.id}`, async () => {
          const fresh = await preorders.retrievePreorder(record.id)
          if (fresh.status === "refunding") return recoverRefund(container, fresh)
          if (fresh.status !== "pending") return { id: record.id, action: "skipped" as const }
          return recoverPreorder(container, fresh)
        }, { timeout: 5 })
      )
    } catch (e: any) {
      outcomes.push({ id: record.id, action: "skipped", error: e.message })
    }
  }
  return outcomes
}
