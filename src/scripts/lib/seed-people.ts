import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { createUsersWorkflow } from "@medusajs/medusa/core-flows"
import { createPlayerAccountWorkflow } from "../../workflows/residence/create-player-account"
import { SEED_CUSTOMERS } from "./catalog"
import { ACCOUNT_MODULE } from "../../modules/account"
import type AccountModuleService from "../../modules/account/service"

export const SEED_PLAYER_PASSWORD = "kstore-player"

/** Registers an email/password identity, or finds the one a previous run left behind. */
async function emailIdentity(container: MedusaContainer, scope: "user" | "customer", email: string, password: string) {
  const auth = container.resolve(Modules.AUTH)
  const [identity] = await auth.listAuthIdentities({
    provider_identities: { entity_id: email, provider: "emailpass" },
  } as any)
  if (identity) return identity
  const { authIdentity, error } = await auth.register("emailpass", {
    body: { email, password },
    authScope: scope,
  } as any)
  if (error || !authIdentity) throw new Error(`Could not register ${email}: ${error}`)
  return authIdentity
}

export async function seedAdmin(container: MedusaContainer, email: string, password: string) {
  const users = container.resolve(Modules.USER)
  const auth = container.resolve(Modules.AUTH)
  let [user] = await users.listUsers({ email })
  if (!user) {
    const { result } = await createUsersWorkflow(container).run({ input: { users: [{ email }] } })
    user = result[0]
  }
  const identity = await emailIdentity(container, "user", email, password)
  if (identity.app_metadata?.user_id !== user.id) {
    await auth.updateAuthIdentities({
      id: identity.id,
      app_metadata: { ...(identity.app_metadata ?? {}), user_id: user.id },
    })
  }
  return user
}

/**
 * Players in several countries, each with a residence and a verified email (they can buy at
 * once), all with the same demo password.
 */
export async function seedCustomers(container: MedusaContainer) {
  const customers = container.resolve(Modules.CUSTOMER)
  const accounts = container.resolve<AccountModuleService>(ACCOUNT_MODULE)
  let created = 0
  for (const c of SEED_CUSTOMERS) {
    const [existing] = await customers.listCustomers({ email: c.email, has_account: true })
    if (existing) {
      // Seeded before email verification existed.
      if (!(await accounts.isEmailVerified(existing.id))) await accounts.markEmailVerified(existing.id, c.email)
      continue
    }
    const identity = await emailIdentity(container, "customer", c.email, SEED_PLAYER_PASSWORD)
    await createPlayerAccountWorkflow(container).run({
      input: {
        auth_identity_id: identity.id,
        residence_country: c.country,
        customer: { email: c.email, first_name: c.first_name, last_name: c.last_name },
        email_verified: true,
      },
    })
    created++
  }
  return { total: SEED_CUSTOMERS.length, created }
}
