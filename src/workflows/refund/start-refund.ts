import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { LIBRARY_MODULE } from "../../modules/library"
import type LibraryModuleService from "../../modules/library/service"
import { PREORDER_MODULE } from "../../modules/preorder"
import type PreorderModuleService from "../../modules/preorder/service"
import { refundDecision } from "../../lib/refund-policy"
import { refundPreorderWorkflow } from "./refund-preorder"
import { settleRefundFailure } from "../recovery/settle-failure"
import { mailNames } from "../preorder/steps/send-mail"

/**
 * Accepts a refund request (202): checks the policy, claims the pre-order with a compare-and-set
 * (so of parallel requests exactly one starts the saga) and runs the refund saga in the background.
 */
export async function startRefund(container: MedusaContainer, input: { customer_id: string; preorder_id: string; now?: Date }) {
  const preorders = container.resolve<PreorderModuleService>(PREORDER_MODULE)
  const [record] = await preorders.listPreorders({ id: input.preorder_id, customer_id: input.customer_id }, { take: 1 })
  if (!record) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Pre-order '${input.preorder_id}' not found`)
  if (record.status === "refunding" || record.status === "refunded") return { preorder: record, started: false }
  if (record.status !== "completed") {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `A ${record.status} pre-order cannot be refunded`, "not_refundable")
  }
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: [game] } = await query.graph({ entity: "game", fields: ["title", "release_at"], filters: { id: record.game_id } })
  const { data: [customer] } = await query.graph({ entity: "customer", fields: ["email"], filters: { id: record.customer_id } })
  const entitlement = await container
    .resolve<LibraryModuleService>(LIBRARY_MODULE)
    .activeEntitlement(record.customer_id, record.game_id)
  const decision = refundDecision({
    release_at: game.release_at,
    purchased_at: record.completed_at ?? record.created_at,
    play_minutes: entitlement?.play_minutes ?? 0,
    now: input.now,
  })
  if (!decision.allowed) {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "This purchase is outside the refund policy", decision.reason!)
  }
  if (!(await preorders.transition(record.id, "completed", "refunding"))) {
    return { preorder: await preorders.retrievePreorder(record.id), started: false }
  }
  const settled = runRefundSaga(container, record.id, { email: customer?.email ?? undefined, title: game.title })
  return { preorder: await preorders.retrievePreorder(record.id), started: true, settled }
}

/**
 * Runs one refund attempt for a pre-order this caller has just moved to refunding. The promise
 * settles when the attempt has ended refunded or undone (with a retry scheduled).
 */
async function runRefundSaga(container: MedusaContainer, id: string, names: { email?: string; title?: string }) {
  const preorders = container.resolve<PreorderModuleService>(PREORDER_MODULE)
  const record = await preorders.retrievePreorder(id)
  const attempt = record.refund_attempts + 1
  await preorders.updatePreorders({ id, refund_attempts: attempt, refund_failure: null, refund_retry_at: null })
  return refundPreorderWorkflow(container)
    .run({ input: { preorder_id: id, attempt, email: names.email ?? "", title: names.title ?? "your game" }, throwOnError: false })
    .then(({ errors }) => (errors.length ? settleRefundFailure(container, id, errors[0].error, names) : null))
    .catch((e) => settleRefundFailure(container, id, e, names))
    // Could not settle now (e.g. the lock was busy): the recovery job drives it later.
    .catch(() => {})
}

/**
 * Tries a failed refund again (the retry job when it is due, or staff at any time). The player's
 * request was accepted under the policy when made, so the policy is not checked again.
 */
export async function retryRefund(container: MedusaContainer, id: string) {
  const preorders = container.resolve<PreorderModuleService>(PREORDER_MODULE)
  const record = await preorders.retrievePreorder(id)
  if (!record.refund_failure || record.status !== "completed") {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "There is no failed refund to retry for this pre-order", "no_failed_refund")
  }
  if (!(await preorders.transition(id, "completed", "refunding"))) {
    return { preorder: await preorders.retrievePreorder(id), started: false }
  }
  const settled = runRefundSaga(container, id, await mailNames(container, record))
  return { preorder: await preorders.retrievePreorder(id), started: true, settled }
}

/** The retry job's work: every failed refund whose retry time has come. */
export async function retryDueRefunds(container: MedusaContainer, now = new Date()) {
  const preorders = container.resolve<PreorderModuleService>(PREORDER_MODULE)
  const due = await preorders.listPreorders(
    { status: "completed", refund_retry_at: { $lte: now } } as any,
    { take: 50, order: { refund_retry_at: "ASC" } }
  )
  const started: { id: string; settled: Promise<unknown> }[] = []
  for (const record of due) {
    const run = await retryRefund(container, record.id).catch(() => null)
    if (run?.started) started.push({ id: record.id, settled: run.settled! })
  }
  return started
}
