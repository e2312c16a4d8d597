import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { PREORDER_MODULE } from "../../modules/preorder"
import type PreorderModuleService from "../../modules/preorder/service"
import { notifyInApp, sendMail } from "./steps/send-mail"
import { announceSettled } from "../../lib/settlement"

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
  const message = {
    template: "preorder-failed" as const,
    idempotency_key: `${preorderId}:failed`,
    data: { preorder_id: preorderId, title: game?.title ?? "your game", reason },
  }
  if (customer?.email) {
    await sendMail(container, { ...message, to: customer.email, customer_id: record.customer_id }).catch(() => {})
  } else {
    await notifyInApp(container, { ...message, customer_id: record.customer_id }).catch(() => {})
  }
  await preorders.updatePreorders({ id: preorderId, status: "failed", failure_reason: reason, failure_message: error?.message ?? null })
  announceSettled(preorderId)
  return preorders.retrievePreorder(preorderId)
}
