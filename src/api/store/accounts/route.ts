import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { createPlayerAccountWorkflow } from "../../../workflows/residence/create-player-account"
import type { z } from "@medusajs/framework/zod"
import type { StoreCreateAccount } from "../../utils/validators"

/** Sign-up of a player: Medusa customer + residence country in one workflow. */
export const POST = async (
  req: AuthenticatedMedusaRequest<z.infer<typeof StoreCreateAccount>>,
  res: MedusaResponse
) => {
  if (req.auth_context.actor_id) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, "Request already authenticated as a customer.")
  }
  const { residence_country, ...customer } = req.validatedBody
  const { result } = await createPlayerAccountWorkflow(req.scope).run({
    input: { auth_identity_id: req.auth_context.auth_identity_id, residence_country, customer },
  })
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const {
    data: [created],
  } = await query.graph({
    entity: "customer",
    fields: ["id", "email", "first_name", "last_name", "phone", "customer_residence.country_code"],
    filters: { id: result.id },
  })
  res.status(200).json({
    customer: { ...created, residence_country: created.customer_residence?.country_code ?? null },
  })
}
