import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { randomUUID } from "crypto"
import { adjustPointsWorkflow } from "../../../../../../workflows/points/adjust-points"

export const POST = async (
  req: AuthenticatedMedusaRequest<{ points: number; reason: string }>,
  res: MedusaResponse
) => {
  // A client that retries sends the same Idempotency-Key and gets the first result back.
  const key = (req.headers["idempotency-key"] as string | undefined) || randomUUID()
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
