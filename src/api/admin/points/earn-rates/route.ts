import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { POINTS_MODULE } from "../../../../modules/points"
import type PointsModuleService from "../../../../modules/points/service"
import { DEFAULT_EARN_RATE, POINT_VALUE } from "../../../../modules/points/values"

/** Earn rate of every region (default 5% of the cash part) and the value of one point. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data: regions } = await query.graph({ entity: "region", fields: ["id", "name", "currency_code"] })
  const rates = await req.scope.resolve<PointsModuleService>(POINTS_MODULE).listPointsEarnRates({})
  const byRegion = new Map(rates.map((r) => [r.region_id, Number(r.rate)]))
  res.json({
    earn_rates: regions.map((r: any) => ({
      region_id: r.id,
      name: r.name,
      currency_code: r.currency_code,
      rate: byRegion.get(r.id) ?? DEFAULT_EARN_RATE,
      point_value: POINT_VALUE[r.currency_code] ?? null,
    })),
  })
}

export const POST = async (
  req: AuthenticatedMedusaRequest<{ region_id: string; rate: number }>,
  res: MedusaResponse
) => {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "region", fields: ["id"], filters: { id: req.validatedBody.region_id } })
  if (!data.length) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Region '${req.validatedBody.region_id}' not found`)
  }
  const rate = await req.scope
    .resolve<PointsModuleService>(POINTS_MODULE)
    .setEarnRate(req.validatedBody.region_id, req.validatedBody.rate)
  res.json({ earn_rate: { region_id: rate.region_id, rate: Number(rate.rate) } })
}
