import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { giftById, giftHistory, type ReportRow } from "../../../../modules/gift/report"
import { giftView, peopleOf } from "../helpers"

export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const knex = req.scope.resolve(ContainerRegistrationKeys.PG_CONNECTION)
  const row = await giftById(knex, req.params.id)
  if (!row) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Gift ${req.params.id} not found`)
  const [people, history] = await Promise.all([peopleOf(req.scope, [row as ReportRow]), giftHistory(knex, row.id)])
  res.json({
    gift: {
      ...giftView(row as ReportRow, people),
      message: row.message,
      failure_reason: row.failure_reason,
      purchase_id: row.purchase_id,
      order_id: row.order_id,
      refund_id: row.refund_id,
      expires_at: row.expires_at,
      sender_time_zone: row.sender_time_zone,
    },
    history,
  })
}
