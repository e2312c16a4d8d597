import type { MedusaContainer } from "@medusajs/framework/types"
import { POINTS_MODULE } from "../../modules/points"
import type PointsModuleService from "../../modules/points/service"

export async function pointsView(scope: MedusaContainer, customerId: string, limit: number, offset: number) {
  const service = scope.resolve<PointsModuleService>(POINTS_MODULE)
  const [balance, [entries, count]] = await Promise.all([
    service.getBalance(customerId),
    service.listAndCountPointsEntries(
      { customer_id: customerId },
      { order: { created_at: "DESC", id: "DESC" }, take: limit, skip: offset }
    ),
  ])
  return {
    balance,
    entries: entries.map((e) => ({
      id: e.id,
      kind: e.kind,
      amount: e.amount,
      reference_id: e.reference_id,
      reason: e.reason,
      created_by: e.created_by,
      created_at: e.created_at,
    })),
    count,
    limit,
    offset,
  }
}
