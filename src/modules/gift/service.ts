import { generateEntityId, InjectTransactionManager, MedusaContext, MedusaService } from "@medusajs/framework/utils"
import type { Context } from "@medusajs/framework/types"
import { knexOf } from "../knex"
import Gift, { GiftState } from "./models/gift"
import GiftEvent from "./models/gift-event"

export type GiftChange = { cause: string; actor: string }
export const SYSTEM = "system"

/** A gift unanswered this long after delivery is refunded to its sender. */
export const GIFT_ANSWER_DAYS = 30

class GiftModuleService extends MedusaService({ Gift, GiftEvent }) {
  /**
   * Moves a gift from one of `from` to `to` with its history entry, in one transaction: a
   * compare-and-set, so a gift is answered, delivered or refunded once whoever tries in parallel.
   * Returns the gift as it now is, or null when it was not in `from`.
   */
  @InjectTransactionManager()
  async transition(
    id: string,
    from: GiftState[],
    to: GiftState,
    change: GiftChange,
    extra: Record<string, unknown> = {},
    @MedusaContext() context: Context = {}
  ) {
    const knex = knexOf(context)
    const [before] = await knex("gift").where({ id }).whereIn("state", from).whereNull("deleted_at").forUpdate().select(["state"])
    if (!before) return null
    const [row] = await knex("gift")
      .where({ id })
      .update({ ...extra, state: to, updated_at: knex.fn.now() })
      .returning("*")
    await knex("gift_event").insert(eventRow(id, before.state, to, change))
    return row
  }

  /** Records a gift's first state (it was created in it). */
  @InjectTransactionManager()
  async recordCreated(id: string, change: GiftChange, @MedusaContext() context: Context = {}) {
    await knexOf(context)("gift_event").insert(eventRow(id, null, "paying", change))
  }

  /**
   * Claims up to `limit` scheduled gifts due by `now` and marks them delivered, with their history,
   * in one transaction. Rows another worker holds are skipped (SKIP LOCKED), so two workers never
   * deliver the same gift and neither waits for the other.
   */
  @InjectTransactionManager()
  async claimDue(now: Date, limit: number, ids: string[] | null = null, @MedusaContext() context: Context = {}) {
    const knex = knexOf(context)
    const due = knex("gift")
      .select("id")
      .modify((q) => (ids ? q.whereIn("id", ids) : q))
      .where("state", "scheduled")
      .where("deliver_at", "<=", now)
      .whereNull("deleted_at")
      .orderBy("deliver_at")
      .limit(limit)
      .forUpdate()
      .skipLocked()
    const rows = await knex("gift")
      .whereIn("id", due)
      .update({
        state: "delivered",
        delivered_at: now,
        expires_at: new Date(now.getTime() + GIFT_ANSWER_DAYS * 86400e3),
        updated_at: knex.fn.now(),
      })
      .returning("*")
    if (rows.length) {
      await knex("gift_event").insert(rows.map((r: any) => eventRow(r.id, "scheduled", "delivered", { cause: "due", actor: SYSTEM })))
    }
    return rows as any[]
  }

  /** Delivered gifts whose mails were not queued (a crash between the claim and the mails). */
  @InjectTransactionManager()
  async unannounced(before: Date, limit: number, @MedusaContext() context: Context = {}) {
    return knexOf(context)("gift")
      .where("state", "delivered")
      .whereNull("notified_at")
      .where("delivered_at", "<=", before)
      .whereNull("deleted_at")
      .orderBy("delivered_at")
      .limit(limit)
      .select("*")
  }

  @InjectTransactionManager()
  async markNotified(ids: string[], @MedusaContext() context: Context = {}) {
    if (!ids.length) return
    const knex = knexOf(context)
    await knex("gift").whereIn("id", ids).whereNull("notified_at").update({ notified_at: knex.fn.now(), updated_at: knex.fn.now() })
  }

  /** Removes a gift whose purchase was refused before anything was paid: as if never asked. */
  @InjectTransactionManager()
  async discard(id: string, @MedusaContext() context: Context = {}) {
    const knex = knexOf(context)
    await knex("gift_event").where({ gift_id: id }).delete()
    await knex("gift").where({ id, state: "paying" }).whereNull("purchase_id").delete()
  }

  /** Gifts a sender made in the rolling window that still count (an undone payment does not). */
  @InjectTransactionManager()
  async countSentSince(senderId: string, since: Date, @MedusaContext() context: Context = {}) {
    const [row] = await knexOf(context)("gift")
      .where("sender_id", senderId)
      .where("created_at", ">=", since)
      .whereNot("state", "failed")
      .whereNull("deleted_at")
      .count({ n: "*" })
    return Number((row as any).n)
  }
}

function eventRow(giftId: string, from: string | null, to: string, change: GiftChange) {
  return {
    id: generateEntityId(undefined, "gev"),
    gift_id: giftId,
    from_state: from,
    to_state: to,
    cause: change.cause.slice(0, 100),
    actor: change.actor.slice(0, 100),
  }
}

export default GiftModuleService
