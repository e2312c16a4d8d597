import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError, Modules } from "@medusajs/framework/utils"
import { pointsView } from "../../../../utils/points-view"

export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const { limit, offset } = req.validatedQuery as { limit: number; offset: number }
  // The ledger has no row for an unknown customer, which would read as a zero balance.
  const [customer] = await req.scope
    .resolve(Modules.CUSTOMER)
    .listCustomers({ id: req.params.id }, { select: ["id"], take: 1 })
  if (!customer) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Customer with id: ${req.params.id} was not found`)
  }
  res.json(await pointsView(req.scope, req.params.id, limit, offset))
}
