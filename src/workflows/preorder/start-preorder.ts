import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { PREORDER_MODULE } from "../../modules/preorder"
import type PreorderModuleService from "../../modules/preorder/service"
import { preorderCheckoutWorkflow } from "./preorder-checkout"
import { PreorderRequest, quotePreorder } from "./steps/validate-preorder"
import { notifyInApp, sendMail } from "./steps/send-mail"
import { announceSettled } from "../../lib/settlement"

export type StartPreorderInput = PreorderRequest & { idempotency_key: string }

/** Marks a pre-order failed with the reason the player is told, and mails them. */
export async function failPreorder(container: MedusaContainer, preorderId: string, error: any) {
  const preorders = container.resolve<PreorderModuleService>(PREORDER_MODULE)
  const record = await preorders.retrievePreorder(preorderId)
  if (record.status !== "pending") return record
  const reason = error?.code || (error?.type === "not_allowed" ? "not_allowed" : "failed")
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: [customer] } = await query.graph({ entity: "customer", fields: ["email"], filters: { id: record.customer_id } })
  const { data: [game] } = await query.graph({ entity: "game", fields: ["title"], filters: { id: record.game_id } })
  // Mail first, status last: a client that sees "failed" sees a settled pre-order.
  if (customer?.email) {
    await sendMail(container, {
      to: customer.email,
      template: "preorder-failed",
      idempotency_key: `${preorderId}:failed`,
      data: { preorder_id: preorderId, title: game?.title ?? "your game", reason },
    }).catch(() => {})
  }
  await notifyInApp(container, {
    customer_id: record.customer_id,
    template: "preorder-failed",
    idempotency_key: `${preorderId}:failed`,
    data: { preorder_id: preorderId, reason },
  }).catch(() => {})
  await preorders.updatePreorders({ id: preorderId, status: "failed", failure_reason: reason, failure_message: error?.message ?? null })
  announceSettled(preorderId)
  return preorders.retrievePreorder(preorderId)
}

/**
 * Accepts a pre-order: validates it now (bad input is a 4xx, nothing written), records it once per
 * idempotency key, and runs the saga in the background. Returns the record and whether it is new.
 */
export async function startPreorder(container: MedusaContainer, input: StartPreorderInput) {
  const preorders = container.resolve<PreorderModuleService>(PREORDER_MODULE)
  const find = async () =>
    (await preorders.listPreorders({ customer_id: input.customer_id, idempotency_key: input.idempotency_key }, { take: 1 }))[0]
  const existing = await find()
  if (existing) return { preorder: existing, created: false }

  const quote = await quotePreorder(container, input)
  let record
  try {
    record = await preorders.createPreorders({
      customer_id: input.customer_id,
      game_id: quote.game_id,
      variant_id: quote.variant_id,
      region_id: quote.region_id,
      currency_code: quote.currency_code,
      idempotency_key: input.idempotency_key,
      total: quote.total,
      points_used: quote.points_used,
      cash_amount: quote.cash_amount,
      payment_method: quote.payment_method,
    })
  } catch (e) {
    const raced = await find()
    if (raced) return { preorder: raced, created: false }
    throw new MedusaError(MedusaError.Types.CONFLICT, "A pre-order of this game is already in progress or complete", "already_owned")
  }
  const run = preorderCheckoutWorkflow(container)
    .run({
      input: {
        preorder_id: record.id,
        customer_id: input.customer_id,
        game_id: quote.game_id,
        points: quote.points_used,
        expected_total: quote.total,
        payment: input.payment,
      },
      throwOnError: false,
    })
    .then(({ errors }) => (errors.length ? failPreorder(container, record.id, errors[0].error) : null))
    .catch((e) => failPreorder(container, record.id, e))
    .catch(() => {})
  return { preorder: record, created: true, settled: run }
}
