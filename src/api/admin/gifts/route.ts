import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { giftPage, giftTotals } from "../../../modules/gift/report"
import type { AdminGiftsQueryType } from "../../utils/gift-report-validators"
import { giftView, peopleOf } from "./helpers"

/** The staff gift report: one page of gifts, newest first, and totals over every gift the filters match. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const { limit, offset, ...filters } = req.validatedQuery as AdminGiftsQueryType
  const knex = req.scope.resolve(ContainerRegistrationKeys.PG_CONNECTION)
  const [rows, totals] = await Promise.all([giftPage(knex, filters, { limit, offset }), giftTotals(knex, filters)])
  const people = await peopleOf(req.scope, rows)
  res.json({
    gifts: rows.map((r) => giftView(r, people)),
    count: totals.reduce((n, t) => n + t.count, 0),
    limit,
    offset,
    totals,
  })
}
