import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { acceptGiftWorkflow, acceptGiftWorkflowId, closeAsAlreadyOwned, closeGiftWorkflow, closeGiftWorkflowId } from "./answer"
import { announceUnannounced } from "./deliver"

/** The stored answers of a gift (accept; decline, cancel, expiry, block) the recovery job re-drives. */
export const giftAnswerWorkflowIds = [acceptGiftWorkflowId, closeGiftWorkflowId]

const FINISHED_BADLY = ["reverted", "failed"]

/**
 * Drives on an answer a dead process left unfinished, from its stored input and under its own
 * transaction id: the engine runs it from its last stored checkpoint, and every step finds what it
 * did before (the move in the gift's history, the entitlement of the order, the refund keyed by
 * the gift, the mails by their keys). An acceptance whose grant is refused because the recipient
 * came to own the game meanwhile is closed as acceptGift closes it: declined, the sender refunded.
 */
export async function redriveGiftAnswer(container: MedusaContainer, workflowId: string, transactionId: string) {
  const [stored] = (await container
    .resolve(Modules.WORKFLOW_ENGINE)
    .listWorkflowExecutions({ workflow_id: workflowId, transaction_id: transactionId } as any, { select: ["context"], take: 1 })) as any[]
  // The answer's input, as its request gave it (the stored checkpoint's payload).
  const input = stored?.context?.data?.payload
  if (!input?.gift_id) return null
  if (workflowId === closeGiftWorkflowId) {
    return closeGiftWorkflow(container).run({ input, context: { transactionId }, throwOnError: false })
  }
  const run = await acceptGiftWorkflow(container).run({ input, context: { transactionId }, throwOnError: false })
  const error: any = run.errors?.[0]?.error
  if (error?.code === "already_owned" && FINISHED_BADLY.includes(run.transaction?.getFlow().state as string)) {
    await closeAsAlreadyOwned(container, input.gift_id)
  }
  return run
}

/**
 * Gifts a dead process delivered (claimed) but never announced: with the in-memory engine every
 * delivery before this process started is one, with several processes one older than a minute.
 */
export function announceOrphanedDeliveries(container: MedusaContainer, before: Date) {
  return announceUnannounced(container, before)
}
