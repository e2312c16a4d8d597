import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { z } from "@medusajs/framework/zod"
import { REGION_POLICY_MODULE } from "../../../../../modules/region-policy"
import type RegionPolicyModuleService from "../../../../../modules/region-policy/service"
import { changeResidenceWorkflow } from "../../../../../workflows/residence/change-residence"
import type { ResidenceChangeBody } from "../../../../utils/validators"

async function residenceView(req: AuthenticatedMedusaRequest) {
  const service = req.scope.resolve<RegionPolicyModuleService>(REGION_POLICY_MODULE)
  const customerId = req.auth_context.actor_id
  const [country, changes] = await Promise.all([
    service.getResidenceCountry(customerId),
    service.listResidenceChanges(
      { customer_id: customerId },
      { order: { created_at: "DESC" }, take: 50 }
    ),
  ])
  return {
    residence: {
      country_code: country,
      changes: changes.map((c) => ({
        id: c.id,
        from_country: c.from_country,
        to_country: c.to_country,
        reason: c.reason,
        source: c.source,
        created_at: c.created_at,
      })),
    },
  }
}

export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  res.json(await residenceView(req))
}

/** Sets or changes the residence country: a separate, logged action. */
export const POST = async (
  req: AuthenticatedMedusaRequest<z.infer<typeof ResidenceChangeBody>>,
  res: MedusaResponse
) => {
  await changeResidenceWorkflow(req.scope).run({
    input: {
      customer_id: req.auth_context.actor_id,
      country_code: req.validatedBody.country_code,
      reason: req.validatedBody.reason,
      source: "customer",
    },
  })
  res.json(await residenceView(req))
}
