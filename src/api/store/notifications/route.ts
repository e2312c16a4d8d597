import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { Modules } from "@medusajs/framework/utils"

/**
 * The player's in-app notifications (Medusa's `feed` channel, addressed to the customer), newest
 * first: how a pre-order, a payment or a refund settled, with the line a client shows for it
 * (the subject, stored with the notice when it was sent).
 */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const { limit, offset } = req.validatedQuery as { limit: number; offset: number }
  const [rows, count] = await req.scope
    .resolve(Modules.NOTIFICATION)
    .listAndCountNotifications(
      { to: req.auth_context.actor_id, channel: "feed" },
      { select: ["id", "template", "data", "created_at"], order: { created_at: "DESC" }, skip: offset, take: limit }
    )
  const notifications = rows.map((n: any) => ({
    id: n.id,
    template: n.template,
    subject: n.data?.subject ?? null,
    data: n.data ?? {},
    created_at: n.created_at,
  }))
  res.json({ notifications, count, limit, offset })
}
