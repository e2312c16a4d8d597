import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { GIFT_MODULE } from "../../../modules/gift"
import type GiftModuleService from "../../../modules/gift/service"
import type { GiftTemplate } from "../../../modules/mail/gift-templates"
import { withFaults } from "../../faults"
import { sendMail } from "../../steps/send-mail"
import { giftKeys } from "../keys"
import { partiesOf } from "../parties"

/**
 * Tells the sender and/or the recipient what became of a gift; keyed per gift, template and side,
 * so a retry or a recovered run queues nothing twice. Retried at once: a mail that could not be
 * queued should not undo the answer it tells of.
 */
export const giftMailsStep = createStep(
  { name: "send-gift-mails", maxRetries: 2 },
  withFaults("send-gift-mails", async (input: { gift_id: string; template: GiftTemplate; to: ("sender" | "recipient")[] }, { container }) => {
    const gift = await container.resolve<GiftModuleService>(GIFT_MODULE).retrieveGift(input.gift_id)
    const people = await partiesOf(container, [gift.sender_id, gift.recipient_id])
    const sender = people.get(gift.sender_id)
    const recipient = people.get(gift.recipient_id)
    for (const side of input.to) {
      const who = side === "sender" ? sender : recipient
      await sendMail(container, {
        to: who?.email ?? "",
        customer_id: side === "sender" ? gift.sender_id : gift.recipient_id,
        template: input.template,
        idempotency_key: giftKeys.mail(gift.id, `${input.template}:${side}`),
        data: { gift_id: gift.id, title: gift.game_title, sender_name: sender?.name, recipient_name: recipient?.name, to_sender: side === "sender" },
      })
    }
    return new StepResponse(null)
  })
)
