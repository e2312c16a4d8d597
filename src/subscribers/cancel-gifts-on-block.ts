import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { cancelGiftsBetween } from "../workflows/gift/answer"

/** A block ends the friendship and every open gift between the two players (refunded). */
export default async function cancelGiftsOnBlock({ event, container }: SubscriberArgs<{ blocker_id: string; blocked_id: string }>) {
  const { blocker_id, blocked_id } = event.data
  await cancelGiftsBetween(container, blocker_id, blocked_id, `customer:${blocker_id}`)
}

export const config: SubscriberConfig = { event: "friends.blocked" }
