import type { MedusaContainer } from "@medusajs/framework/types"
import { PREORDER_MODULE } from "../../modules/preorder"
import type PreorderModuleService from "../../modules/preorder/service"
import { mailNames, notifyInApp, sendMail } from "./steps/send-mail"
import { announceSettled } from "../../lib/settlement"

/** Marks a pre-order failed with the reason the player is told, and mails them. */
export async function failPreorder(container: MedusaContainer, preorderId: string, error: any) {
  const preorders = container.resolve<PreorderModuleService>(PREORDER_MODULE)
  const record = await preorders.retrievePreorder(preorderId)
  if (record.status !== "pending") return record
  const reason = error?.code || (error?.type === "not_allowed" ? "not_allowed" : "failed")
  const names = await mailNames(container, record)
  // Mail first, status last: a client that sees "failed" sees a settled pre-order.
  const message = {
    template: "preorder-failed" as const,
    idempotency_key: `${preorderId}:failed`,
    data: { preorder_id: preorderId, title: names.title ?? "your game", reason },
  }
  if (names.email) {
    await sendMail(container, { ...message, to: names.email, customer_id: record.customer_id }).catch(() => {})
  } else {
    await notifyInApp(container, { ...message, customer_id: record.customer_id }).catch(() => {})
  }
  await preorders.updatePreorders({ id: preorderId, status: "failed", failure_reason: reason, failure_message: error?.message ?? null })
  announceSettled(preorderId)
  return preorders.retrievePreorder(preorderId)
}
