import type { MedusaContainer } from "@medusajs/framework/types"
import { PREORDER_MODULE } from "../../modules/preorder"
import type PreorderModuleService from "../../modules/preorder/service"
import { announceSettled } from "../../lib/settlement"
import { sendMail } from "../preorder/steps/send-mail"

/**
 * Minutes to wait before each automatic retry of a refund that did not go through (a provider
 * refusal, a timeout, an interrupted process). After the last one only staff retry it.
 */
export const REFUND_RETRY_MINUTES = [1, 5, 30, 120, 720]

/** When attempt `attempts + 1` runs, or null when automatic retries are used up. */
export function nextRefundRetry(attempts: number, now = new Date()): Date | null {
  const wait = REFUND_RETRY_MINUTES[attempts - 1]
  return wait === undefined ? null : new Date(now.getTime() + wait * 60_000)
}

/** Each refund attempt restores the spent points under its own key, so a retry restores them again. */
export const refundReleaseKey = (preorderId: string, attempt: number) => `${preorderId}:refund:${attempt}:release`

/**
 * Ends a refund attempt that was undone (refunding → completed): the reason (staff see it as an alert until the refund
 * goes through), the next automatic retry with backoff, and a mail plus in-app notice for the
 * player. Keyed by the attempt, so settling the same attempt twice tells the player once.
 */
export async function refundAttemptFailed(
  container: MedusaContainer,
  id: string,
  failure: { code?: string; message?: string },
  names: { email?: string; title?: string },
  now = new Date()
) {
  const preorders = container.resolve<PreorderModuleService>(PREORDER_MODULE)
  const record = await preorders.retrievePreorder(id)
  const reason = failure.code || "refund_failed"
  const retryAt = nextRefundRetry(record.refund_attempts, now)
  await preorders.updatePreorders({
    id,
    refund_failure: `${reason}: ${failure.message ?? ""}`.slice(0, 500),
    refund_retry_at: retryAt,
  })
  // Back to completed only now, so whoever sees "completed" also sees why and when it retries.
  await preorders.transition(id, "refunding", "completed")
  if (names.email) {
    await sendMail(container, {
      to: names.email,
      customer_id: record.customer_id,
      template: "refund-failed",
      idempotency_key: `${id}:refund-failed:${record.refund_attempts}`,
      data: { preorder_id: id, title: names.title ?? "your game", reason, retry_at: retryAt?.toISOString() ?? null },
    }).catch(() => {})
  }
  announceSettled(id)
}
