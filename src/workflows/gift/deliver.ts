import type { MedusaContainer } from "@medusajs/framework/types"
import { createStep, createWorkflow, StepResponse, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { GIFT_MODULE } from "../../modules/gift"
import type GiftModuleService from "../../modules/gift/service"
import { storefrontLink } from "../../modules/mail/links"
import { withFaults } from "../faults"
import { sendMail } from "../steps/send-mail"
import { giftKeys } from "./keys"
import { partiesOf } from "./parties"

export const deliverGiftsWorkflowId = "deliver-gifts"

/** How many gifts one run claims; the job runs again at once while a run fills its batch. */
export const DELIVERY_BATCH = 200

/** Claims the due gifts (each by one worker only) and marks them delivered. */
export const claimDueGiftsStep = createStep(
  "claim-due-gifts",
  withFaults("claim-due-gifts", async (input: { now: Date; ids?: string[] | null; limit: number }, { container }) => {
    const gifts = container.resolve<GiftModuleService>(GIFT_MODULE)
    const claimed = await gifts.claimDue(new Date(input.now), input.limit, input.ids ?? null)
    return new StepResponse(claimed.map((g) => g.id as string))
  })
)

/**
 * The recipient's inbox notice and mail (the message and the accept link) and the sender's notice,
 * for delivered gifts; then the gifts are marked announced. Keys make a rerun queue nothing new.
 */
export const announceGiftsStep = createStep(
  "announce-gifts",
  withFaults("announce-gifts", async (input: { ids: string[] }, { container }) => {
    await announceGifts(container, input.ids)
    return new StepResponse({ announced: input.ids.length })
  })
)

export async function announceGifts(container: MedusaContainer, ids: string[]) {
  if (!ids.length) return
  const gifts = container.resolve<GiftModuleService>(GIFT_MODULE)
  const rows = await gifts.listGifts({ id: ids, state: "delivered" }, { take: ids.length })
  const people = await partiesOf(container, rows.flatMap((g) => [g.sender_id, g.recipient_id]))
  for (const g of rows) {
    const sender = people.get(g.sender_id)
    const recipient = people.get(g.recipient_id)
    const common = { gift_id: g.id, title: g.game_title, sender_name: sender?.name, recipient_name: recipient?.name }
    await sendMail(container, {
      to: recipient?.email ?? "",
      customer_id: g.recipient_id,
      template: "gift-received",
      idempotency_key: giftKeys.mail(g.id, "received"),
      data: { ...common, message: g.message, expires_at: g.expires_at, url: storefrontLink(`/account/gifts/${g.id}`) },
    })
    await sendMail(container, {
      to: sender?.email ?? "",
      customer_id: g.sender_id,
      template: "gift-delivered",
      idempotency_key: giftKeys.mail(g.id, "delivered"),
      data: common,
    })
  }
  await gifts.markNotified(rows.map((g) => g.id))
}

/**
 * Delivers gifts that are due: claimed and marked delivered in one transaction (SKIP LOCKED, so
 * parallel workers split the work and none delivers a gift twice), then announced.
 */
export const deliverGiftsWorkflow = createWorkflow(
  deliverGiftsWorkflowId,
  (input: { now: Date; ids?: string[] | null; limit: number }) => {
    const ids = claimDueGiftsStep(input)
    announceGiftsStep(transform({ ids }, ({ ids }) => ({ ids })))
    return new WorkflowResponse(ids)
  }
)

/**
 * The delivery job's work: batches of due gifts until none is left, then gifts delivered earlier
 * whose announcement a crash cut off. Returns how many it delivered.
 */
export async function deliverDueGifts(container: MedusaContainer, now = new Date()) {
  let delivered = 0
  for (;;) {
    const { result } = await deliverGiftsWorkflow(container).run({ input: { now, limit: DELIVERY_BATCH } })
    delivered += result.length
    if (result.length < DELIVERY_BATCH) break
  }
  const stale = await container.resolve<GiftModuleService>(GIFT_MODULE).unannounced(new Date(now.getTime() - 60_000), 500)
  if (stale.length) await announceGifts(container, stale.map((g: any) => g.id))
  return delivered
}
