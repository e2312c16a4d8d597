import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ACCOUNT_MODULE } from "../../../../modules/account"
import type AccountModuleService from "../../../../modules/account/service"
import { countUnread } from "../helpers"

/**
 * The player opened their notifications: those up to `until` (the newest one the client showed;
 * now when left out) are read. A notice that arrived after the page loaded stays unread.
 */
export const POST = async (req: AuthenticatedMedusaRequest<{ until?: string }>, res: MedusaResponse) => {
  const me = req.auth_context.actor_id
  const until = req.validatedBody.until ? new Date(req.validatedBody.until) : new Date()
  const seenAt = await req.scope.resolve<AccountModuleService>(ACCOUNT_MODULE).markNotificationsSeen(me, until)
  res.json({ seen_at: seenAt, unread: await countUnread(req.scope, me, seenAt) })
}
