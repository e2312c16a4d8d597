import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { Modules } from "@medusajs/framework/utils"
import { ACCOUNT_MODULE } from "../../../modules/account"
import type AccountModuleService from "../../../modules/account/service"
import { countUnread } from "./helpers"

/**
 * The player's in-app notifications (Medusa's `feed` channel, addressed to the customer), newest
 * first: how a pre-order, a payment or a refund settled, with the line a client shows for it
 * (the subject, stored with the notice when it was sent). `unread`: those newer than the player's
 * read marker (POST /store/notifications/seen), over all pages; `seen_at` is that marker.
 */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const { limit, offset } = req.validatedQuery as { limit: number; offset: number }
  const me = req.auth_context.actor_id
  const notices = req.scope.resolve(Modules.NOTIFICATION)
  const seenAt = await req.scope.resolve<AccountModuleService>(ACCOUNT_MODULE).notificationsSeenAt(me)
  const [[rows, count], unread] = await Promise.all([
    notices.listAndCountNotifications({ to: me, channel: "feed" }, {
      select: ["id", "template", "data", "created_at"],
      order: { created_at: "DESC" },
      skip: offset,
      take: limit,
    }),
    countUnread(req.scope, me, seenAt),
  ])
  const notifications = rows.map((n: any) => ({
    id: n.id,
    template: n.template,
    subject: n.data?.subject ?? null,
    data: n.data ?? {},
    created_at: n.created_at,
    unread: !seenAt || new Date(n.created_at).getTime() > seenAt.getTime(),
  }))
  res.json({ notifications, count, unread, seen_at: seenAt, limit, offset })
}
