import type { MedusaContainer } from "@medusajs/framework/types"
import { REGION_POLICY_MODULE } from "../../modules/region-policy"
import type RegionPolicyModuleService from "../../modules/region-policy/service"
import type { ResidenceLift } from "../../modules/region-policy/service"

const LOG_SIZE = 100

const liftView = (l: ResidenceLift) => ({
  id: l.id,
  created_by: l.created_by,
  reason: l.reason,
  created_at: l.created_at,
  used_at: l.used_at,
  change_id: l.change_id,
})

/**
 * A player's residence as the player sees it (`GET /store/customers/me/residence`): the country,
 * the log of its changes, and when the residence rule allows the next change (null: now).
 */
export async function storeResidenceView(scope: MedusaContainer, customerId: string) {
  const service = scope.resolve<RegionPolicyModuleService>(REGION_POLICY_MODULE)
  const [status, changes] = await Promise.all([
    service.residenceStatus(customerId),
    service.listResidenceChanges({ customer_id: customerId }, { order: { created_at: "DESC" }, take: 50 }),
  ])
  return {
    residence: {
      country_code: status.country_code,
      change_allowed: status.change_allowed,
      next_change_at: status.next_change_at,
      change_days: status.change_days,
      changes: changes.map(changeView),
    },
  }
}

/** One residence change as the player and staff both see it. */
const changeView = (c: { id: string; from_country: string | null; to_country: string; reason: string | null; source: string; created_at: Date | string }) => ({
  id: c.id,
  from_country: c.from_country,
  to_country: c.to_country,
  reason: c.reason,
  source: c.source,
  created_at: c.created_at,
})

/**
 * The same for staff (`GET /admin/customers/:id/residence`): every change with its cause (the
 * source, the player's reason, and the staff lift that allowed it, with who lifted), the lifts,
 * and when the next change is allowed.
 */
export async function adminResidenceView(scope: MedusaContainer, customerId: string) {
  const service = scope.resolve<RegionPolicyModuleService>(REGION_POLICY_MODULE)
  const [status, changes, lifts] = await Promise.all([
    service.residenceStatus(customerId),
    service.listResidenceChanges({ customer_id: customerId }, { order: { created_at: "DESC" }, take: LOG_SIZE }),
    service.listResidenceChangeLifts({ customer_id: customerId }, { order: { created_at: "DESC" }, take: LOG_SIZE }),
  ])
  const liftById = new Map(lifts.map((l) => [l.id, l]))
  return {
    residence: {
      customer_id: customerId,
      country_code: status.country_code,
      change_allowed: status.change_allowed,
      next_change_at: status.next_change_at,
      last_change_at: status.last_change_at,
      change_days: status.change_days,
      open_lift: status.open_lift ? liftView(status.open_lift) : null,
      changes: changes.map((c) => {
        const lift = c.lift_id ? liftById.get(c.lift_id) : undefined
        return { ...changeView(c), lift_id: c.lift_id ?? null, lifted_by: lift?.created_by ?? null }
      }),
      lifts: lifts.map((l) => liftView(l as unknown as ResidenceLift)),
    },
  }
}
