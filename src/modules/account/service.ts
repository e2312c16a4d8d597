import { generateEntityId, InjectManager, MedusaContext, MedusaService } from "@medusajs/framework/utils"
import type { Context } from "@medusajs/framework/types"
import { knexOf } from "../knex"
import EmailVerification from "./models/email-verification"

export type EmailVerificationState = { customer_id: string; email: string | null; verified: boolean; verified_at: Date | null }

class AccountModuleService extends MedusaService({ EmailVerification }) {
  /** Whether the customer followed a verification link of their address. */
  @InjectManager()
  async isEmailVerified(customerId: string, @MedusaContext() context: Context = {}): Promise<boolean> {
    const [row] = await knexOf(context)("email_verification")
      .where({ customer_id: customerId })
      .whereNull("deleted_at")
      .whereNotNull("verified_at")
      .select("id")
      .limit(1)
    return !!row
  }

  @InjectManager()
  async emailVerificationState(customerId: string, @MedusaContext() context: Context = {}): Promise<EmailVerificationState> {
    const [row] = await knexOf(context)("email_verification")
      .where({ customer_id: customerId })
      .whereNull("deleted_at")
      .select("email", "verified_at")
      .limit(1)
    return { customer_id: customerId, email: row?.email ?? null, verified: !!row?.verified_at, verified_at: row?.verified_at ?? null }
  }

  /**
   * Marks the address verified (once: a second link keeps the first time). Returns the row's id
   * and whether this call verified it, so a workflow step can undo only what it did.
   */
  @InjectManager()
  async markEmailVerified(customerId: string, email: string, @MedusaContext() context: Context = {}) {
    const knex = knexOf(context)
    const [row] = await knex("email_verification")
      .insert({ id: generateEntityId(undefined, "emver"), customer_id: customerId, email, verified_at: knex.fn.now() })
      .onConflict(knex.raw("(customer_id) where deleted_at is null"))
      .merge({
        // The address of the link wins; the first verification time stays while it is the same one.
        verified_at: knex.raw(
          `case when email_verification.verified_at is not null and email_verification.email = excluded.email then email_verification.verified_at else excluded.verified_at end`
        ),
        email: knex.raw("excluded.email"),
        updated_at: knex.fn.now(),
      })
      .returning(["id", "email", "verified_at", knex.raw("(xmax = 0) as inserted")])
    return { id: row.id as string, email: row.email as string, verified_at: new Date(row.verified_at), inserted: !!row.inserted }
  }
}

export default AccountModuleService
