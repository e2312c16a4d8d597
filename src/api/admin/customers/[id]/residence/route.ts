import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { adminResidenceView } from "../../../../utils/residence-view"

/**
 * A customer's residence for staff: the current country, the change log with each change's cause
 * (and the staff lift that allowed it), the lifts, and when the next change is allowed.
 */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data: [customer] } = await query.graph({ entity: "customer", fields: ["id"], filters: { id: req.params.id } })
  if (!customer) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Customer with id: ${req.params.id} was not found`)
  res.json(await adminResidenceView(req.scope, customer.id))
}
