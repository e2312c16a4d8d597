import { generateEntityId, InjectManager, MedusaContext, MedusaError, MedusaService } from "@medusajs/framework/utils"
import type { Context } from "@medusajs/framework/types"
import { knexOf } from "../knex"
import EmailVerification from "./models/email-verification"
import PlayerProfile from "./models/player-profile"
import { assertHandle, cleanDisplayName, generatedHandle, normalizeHandle } from "./profile-rules"

export type Profile = { id: string; customer_id: string; handle: string; display_name: string; time_zone: string | null }
const PROFILE_FIELDS = ["id", "customer_id", "handle", "display_name", "time_zone"]
const isUniqueViolation = (e: any) => e?.code === "23505"
const handleTaken = (handle: string) =>
  new MedusaError(MedusaError.Types.CONFLICT, `The handle '${handle}' is taken`, "handle_taken")

export type EmailVerificationState = { customer_id: string; email: string | null; verified: boolean; verified_at: Date | null }

class AccountModuleService extends MedusaService({ EmailVerification, PlayerProfile }) {
  @InjectManager()
  async profileOf(customerId: string, @MedusaContext() context: Context = {}): Promise<Profile | null> {
    const [row] = await knexOf(context)("player_profile").where({ customer_id: customerId }).whereNull("deleted_at").select(PROFILE_FIELDS).limit(1)
    return row ?? null
  }

  @InjectManager()
  async profileByHandle(handle: string, @MedusaContext() context: Context = {}): Promise<Profile | null> {
    const [row] = await knexOf(context)("player_profile").where({ handle: normalizeHandle(handle) }).whereNull("deleted_at").select(PROFILE_FIELDS).limit(1)
    return row ?? null
  }

  /**
   * A player's profile: the handle they chose (409 `handle_taken` when another player has it) or a
   * generated one, and their display name. A player has one; creating it again returns it.
   */
  @InjectManager()
  async createProfile(
    input: { customer_id: string; handle?: string | null; display_name: string; time_zone?: string | null },
    @MedusaContext() context: Context = {}
  ) {
    const display_name = cleanDisplayName(input.display_name)
    const chosen = input.handle ? normalizeHandle(input.handle) : null
    if (chosen) assertHandle(chosen)
    const knex = knexOf(context)
    for (let attempt = 0; attempt < 5; attempt++) {
      const handle = chosen ?? generatedHandle()
      try {
        const [row] = await knex("player_profile")
          .insert({ id: generateEntityId(undefined, "prof"), customer_id: input.customer_id, handle, display_name, time_zone: input.time_zone ?? null })
          .onConflict(knex.raw("(customer_id) where deleted_at is null"))
          .ignore()
          .returning(PROFILE_FIELDS)
        return { profile: (row as Profile | undefined) ?? (await this.profileOf(input.customer_id, context))!, created: !!row }
      } catch (e) {
        if (!isUniqueViolation(e)) throw e
        if (chosen) throw handleTaken(chosen)
      }
    }
    throw new MedusaError(MedusaError.Types.CONFLICT, "Could not find a free handle, choose one", "handle_taken")
  }

  /** Changes a player's handle, display name or time zone; the old handle is free at once. */
  @InjectManager()
  async changeProfile(
    customerId: string,
    change: { handle?: string; display_name?: string; time_zone?: string | null },
    @MedusaContext() context: Context = {}
  ) {
    const update: Record<string, string | null> = {}
    if (change.time_zone !== undefined) update.time_zone = change.time_zone
    if (change.handle !== undefined) {
      update.handle = normalizeHandle(change.handle)
      assertHandle(update.handle)
    }
    if (change.display_name !== undefined) update.display_name = cleanDisplayName(change.display_name)
    try {
      const [row] = await knexOf(context)("player_profile")
        .where({ customer_id: customerId })
        .whereNull("deleted_at")
        .update({ ...update, updated_at: knexOf(context).fn.now() })
        .returning(PROFILE_FIELDS)
      return (row as Profile | undefined) ?? null
    } catch (e) {
      if (isUniqueViolation(e)) throw handleTaken(update.handle ?? "")
      throw e
    }
  }

  /** When the player last opened their notifications (null: never). */
  @InjectManager()
  async notificationsSeenAt(customerId: string, @MedusaContext() context: Context = {}): Promise<Date | null> {
    const [row] = await knexOf(context)("player_profile").where({ customer_id: customerId }).whereNull("deleted_at").select("notifications_seen_at").limit(1)
    return row?.notifications_seen_at ? new Date(row.notifications_seen_at) : null
  }

  /**
   * Marks the player's notifications seen up to `until` (never later than now, never moving back:
   * an older tab opened late must not make seen ones unread again). Returns the mark.
   */
  @InjectManager()
  async markNotificationsSeen(customerId: string, until: Date, @MedusaContext() context: Context = {}): Promise<Date | null> {
    const knex = knexOf(context)
    const at = new Date(Math.min(until.getTime(), Date.now()))
    const [row] = await knex("player_profile")
      .where({ customer_id: customerId })
      .whereNull("deleted_at")
      .update({
        notifications_seen_at: knex.raw("greatest(coalesce(notifications_seen_at, ?::timestamptz), ?::timestamptz)", [at, at]),
        updated_at: knex.fn.now(),
      })
      .returning(["notifications_seen_at"])
    return row?.notifications_seen_at ? new Date(row.notifications_seen_at) : null
  }

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
