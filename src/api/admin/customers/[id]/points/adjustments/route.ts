import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { randomUUID } from "crypto"
import { adjustPointsWorkflow } from "../../../../../../workflows/points/adjust-points"

export const POST = async (
  req: AuthenticatedMedusaRequest<{ points: number; reason: string }>,
  res: MedusaResponse
) => {
  // A client that retries sends the same Idempotency-Key and gets the first result back.
  const sent = req.headers["idempotency-key"]
  if (sent !== undefined && (typeof sent !== "string" || !/^[\w:.-]{1,100}$/.test(sent))) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, "An Idempotency-Key header has 1-100 letters, digits or _ : . -")
  }
  const key = sent || randomUUID()
  const { result } = await adjustPointsWorkflow(req.scope).run({
    input: {
      customer_id: req.params.id,
      points: req.validatedBody.points,
      reason: req.validatedBody.reason,
      idempotency_key: key,
      actor_id: req.auth_context.actor_id,
    },
  })
  res.json({ balance: result.balance, entry: result.entry, replayed: result.replayed })
}
