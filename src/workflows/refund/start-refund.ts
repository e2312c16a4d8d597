import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { LIBRARY_MODULE } from "../../modules/library"
import type LibraryModuleService from "../../modules/library/service"
import { PREORDER_MODULE } from "../../modules/preorder"
import type PreorderModuleService from "../../modules/preorder/service"
import { refundDecision } from "../../lib/refund-policy"
import { notifyInApp, sendMail } from "../preorder/steps/send-mail"
import { refundPreorderWorkflow } from "./refund-preorder"
import { announceSettled } from "../../lib/settlement"

/** A refund that failed at the provider: the saga compensated; the player is told, staff alerted. */
async function refundFailed(container: MedusaContainer, id: string, email: string, title: string, error: any) {
  const preorders = container.resolve<PreorderModuleService>(PREORDER_MODULE)
  const reason = error?.code || "refund_failed"
  await sendMail(container, {
    to: email,
    template: "refund-failed",
    idempotency_key: `${id}:refund-failed:${Date.now()}`,
    data: { preorder_id: id, title, reason },
  }).catch(() => {})
  const [record] = await preorders.listPreorders({ id }, { take: 1 })
  if (record) {
    await notifyInApp(container, {
      customer_id: record.customer_id,
      template: "refund-failed",
      idempotency_key: `${id}:refund-failed:${Date.now()}`,
      data: { preorder_id: id, reason },
    }).catch(() => {})
  }
  await preorders.updatePreorders({ id, refund_failure: `${reason}: ${error?.message ?? ""}`.slice(0, 500) })
  announceSettled(id)
}

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
  await preorders.updatePreorders({ id: record.id, refund_failure: null })
  const settled = refundPreorderWorkflow(container)
    .run({ input: { preorder_id: record.id, email: customer.email, title: game.title }, throwOnError: false })
    .then(({ errors }) =>
      errors.length ? refundFailed(container, record.id, customer.email, game.title, errors[0].error) : null
    )
    .catch((e) => refundFailed(container, record.id, customer.email, game.title, e))
    // Nothing left to tell anyone (e.g. the record is gone): the recovery job looks again later.
    .catch(() => {})
  return { preorder: await preorders.retrievePreorder(record.id), started: true, settled }
}
