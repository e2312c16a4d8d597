import type { MedusaContainer } from "@medusajs/framework/types"
import { createStep, createWorkflow, StepResponse, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
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

/**
 * Claims the due gifts (each by one worker only) and marks them delivered. Named gifts (a "send
 * now" gift's own purchase saga, run again) that were delivered but never announced are returned
 * too, so the rerun announces them.
 */
export const claimDueGiftsStep = createStep(
  "claim-due-gifts",
  withFaults("claim-due-gifts", async (input: { now: Date; ids?: string[] | null; limit: number }, { container }) => {
    const gifts = container.resolve<GiftModuleService>(GIFT_MODULE)
    const claimed = (await gifts.claimDue(new Date(input.now), input.limit, input.ids ?? null)).map((g) => g.id as string)
    if (input.ids?.length) {
      const left = await gifts.listGifts({ id: input.ids, state: "delivered", notified_at: null } as any, { select: ["id"], take: input.ids.length })
      for (const g of left) if (!claimed.includes(g.id)) claimed.push(g.id)
    }
    return new StepResponse(claimed)
  })
)

/**
 * The recipient's inbox notice and mail (the message and the accept link) and the sender's notice,
 * for delivered gifts; then the gifts are marked announced. Keys make a rerun queue nothing new.
 * The gifts are delivered already: the step is retried at once, never undone.
 */
export const announceGiftsStep = createStep(
  { name: "announce-gifts", maxRetries: 2 },
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
 * parallel workers split the work and none delivers a gift twice), then announced (when any was).
 */
export const deliverGiftsWorkflow = createWorkflow(
  deliverGiftsWorkflowId,
  (input: { now: Date; ids?: string[] | null; limit: number }) => {
    const ids = claimDueGiftsStep(input)
    when("gifts-claimed", { ids }, ({ ids }) => ids.length > 0).then(() => {
      announceGiftsStep(transform({ ids }, ({ ids }) => ({ ids })))
    })
    return new WorkflowResponse(ids)
  }
)

/**
 * The delivery job's work: batches of due gifts until none is left, then gifts delivered earlier
 * whose announcement a crash cut off. A run that failed may have claimed gifts it never announced
 * (its answer lost after the claim): those are announced here at once — announcing twice queues
 * nothing new — and the failure is thrown after. Returns how many it delivered.
 */
export async function deliverDueGifts(container: MedusaContainer, now = new Date()) {
  let delivered = 0
  let failure: unknown = null
  for (;;) {
    try {
      const { result } = await deliverGiftsWorkflow(container).run({ input: { now, limit: DELIVERY_BATCH } })
      delivered += result.length
      if (result.length < DELIVERY_BATCH) break
    } catch (e) {
      failure = e
      break
    }
  }
  await announceUnannounced(container, new Date(failure ? now.getTime() : now.getTime() - 60_000))
  if (failure) throw failure
  return delivered
}

/** Announces gifts delivered by `before` and never announced (up to 500 a call); how many. */
export async function announceUnannounced(container: MedusaContainer, before: Date) {
  const stale = await container.resolve<GiftModuleService>(GIFT_MODULE).unannounced(before, 500)
  if (stale.length) await announceGifts(container, stale.map((g: any) => g.id))
  return stale.length
}
