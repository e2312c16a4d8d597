import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { z } from "@medusajs/framework/zod"
import { MedusaError } from "@medusajs/framework/utils"
import { REGION_POLICY_MODULE } from "../../../../../modules/region-policy"
import type RegionPolicyModuleService from "../../../../../modules/region-policy/service"
import { RESIDENCE_CHANGE_TOO_SOON } from "../../../../../modules/region-policy/residence-rule"
import { changeResidenceWorkflow } from "../../../../../workflows/residence/change-residence"
import type { ResidenceChangeBody } from "../../../../utils/validators"
import { storeResidenceView } from "../../../../utils/residence-view"

export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  res.json(await storeResidenceView(req.scope, req.auth_context.actor_id))
}

/**
 * Sets or changes the residence country: a separate, logged action. A change is allowed once per
 * RESIDENCE_CHANGE_DAYS (90) days; sooner it is 409 `residence_change_too_soon` with
 * `next_change_at`, the time it becomes possible.
 */
export const POST = async (
  req: AuthenticatedMedusaRequest<z.infer<typeof ResidenceChangeBody>>,
  res: MedusaResponse
) => {
  const customerId = req.auth_context.actor_id
  try {
    await changeResidenceWorkflow(req.scope).run({
      input: {
        customer_id: customerId,
        country_code: req.validatedBody.country_code,
        reason: req.validatedBody.reason,
        source: "customer",
      },
    })
  } catch (error: any) {
    if (error?.code !== RESIDENCE_CHANGE_TOO_SOON) throw error
    const nextChangeAt =
      error.next_change_at ??
      (await req.scope.resolve<RegionPolicyModuleService>(REGION_POLICY_MODULE).residenceStatus(customerId)).next_change_at
    res.status(409).json({
      type: MedusaError.Types.CONFLICT,
      code: RESIDENCE_CHANGE_TOO_SOON,
      message: error.message,
      next_change_at: nextChangeAt,
    })
    return
  }
  res.json(await storeResidenceView(req.scope, customerId))
}
