import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"

/** The player's in-app notices (feed channel) newer than their read marker; all when none. */
export async function countUnread(container: MedusaContainer, customerId: string, seenAt: Date | null): Promise<number> {
  const mine = { to: customerId, channel: "feed" }
  const filters = seenAt ? { ...mine, created_at: { $gt: seenAt.toISOString() } } : mine
  const [, n] = await container.resolve(Modules.NOTIFICATION).listAndCountNotifications(filters, { select: ["id"], take: 1 })
  return n
}
