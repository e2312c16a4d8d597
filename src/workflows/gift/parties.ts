import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { ACCOUNT_MODULE } from "../../modules/account"
import type AccountModuleService from "../../modules/account/service"

/** `time_zone`: the one the player chose, null when their country's is to be used. */
export type Party = { customer_id: string; email: string | null; name: string; handle: string | null; time_zone: string | null }

/** Senders' and recipients' addresses and public names, for many gifts in two reads. */
export async function partiesOf(container: MedusaContainer, ids: string[]): Promise<Map<string, Party>> {
  const unique = [...new Set(ids)]
  if (!unique.length) return new Map()
  const [customers, profiles] = await Promise.all([
    container.resolve(Modules.CUSTOMER).listCustomers({ id: unique }, { select: ["id", "email", "first_name"], take: unique.length }),
    container.resolve<AccountModuleService>(ACCOUNT_MODULE).listPlayerProfiles({ customer_id: unique }, { select: ["customer_id", "handle", "display_name", "time_zone"], take: unique.length }),
  ])
  const profileOf = new Map(profiles.map((p) => [p.customer_id, p]))
  return new Map(
    customers.map((c) => {
      const p = profileOf.get(c.id)
      return [c.id, { customer_id: c.id, email: c.email ?? null, name: p?.display_name || p?.handle || c.first_name || "A friend", handle: p?.handle ?? null, time_zone: p?.time_zone ?? null }]
    })
  )
}
