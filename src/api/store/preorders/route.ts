import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import type { z } from "@medusajs/framework/zod"
import { PREORDER_MODULE } from "../../../modules/preorder"
import type PreorderModuleService from "../../../modules/preorder/service"
import { startPreorder } from "../../../workflows/preorder/start-preorder"
import type { StorePreorderBody } from "../../utils/validators"
import { preorderView } from "./helpers"

/**
 * Accepts a pre-order (202) and runs its saga in the background; the client follows
 * GET /store/preorders/:id. The same Idempotency-Key always answers with the same pre-order.
 */
export const POST = async (
  req: AuthenticatedMedusaRequest<z.infer<typeof StorePreorderBody>>,
  res: MedusaResponse
) => {
  const key = req.headers["idempotency-key"]
  if (typeof key !== "string" || !/^[\w:.-]{8,100}$/.test(key)) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, "An Idempotency-Key header (8-100 characters) is required")
  }
  const { preorder } = await startPreorder(req.scope, {
    ...req.validatedBody,
    customer_id: req.auth_context.actor_id,
    idempotency_key: key,
  })
  res.status(202).json({ preorder: preorderView(preorder) })
}

export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const preorders = await req.scope
    .resolve<PreorderModuleService>(PREORDER_MODULE)
    .listPreorders({ customer_id: req.auth_context.actor_id }, { order: { created_at: "DESC" }, take: 100 })
  res.json({ preorders: preorders.map(preorderView) })
}
