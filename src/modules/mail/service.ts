import { generateEntityId, InjectManager, InjectTransactionManager, MedusaContext, MedusaService } from "@medusajs/framework/utils"
import type { Context } from "@medusajs/framework/types"
import { knexOf } from "../knex"
import MailOutbox from "./models/mail-outbox"
import MailOptOut from "./models/mail-opt-out"
import ReleaseAnnouncement from "./models/release-announcement"

export type MailTopic = "new-releases"

export type OutboxRow = { id: string; idempotency_key: string; entries: Record<string, any>[]; attempts: number }

class MailModuleService extends MedusaService({ MailOutbox, MailOptOut, ReleaseAnnouncement }) {
  /** Queues a mail once per idempotency key; a repeat is a no-op. Returns the row's id. */
  @InjectManager()
  async enqueue(idempotencyKey: string, entries: Record<string, any>[], @MedusaContext() context: Context = {}) {
    const knex = knexOf(context)
    const [row] = await knex("mail_outbox")
      .insert({ id: generateEntityId(undefined, "mout"), idempotency_key: idempotencyKey, entries: JSON.stringify(entries) })
      .onConflict(knex.raw("(idempotency_key) where deleted_at is null"))
      .ignore()
      .returning("id")
    if (row) return row.id as string
    const [first] = await knex("mail_outbox").where({ idempotency_key: idempotencyKey }).whereNull("deleted_at").select("id")
    return first.id as string
  }

  /**
   * Takes up to `limit` unsent rows for `holdSeconds`: rows another flusher holds are skipped, and
   * a flusher that dies gives its rows back when the hold runs out.
   */
  @InjectTransactionManager()
  async claim(limit: number, holdSeconds: number, @MedusaContext() context: Context = {}): Promise<OutboxRow[]> {
    const knex = knexOf(context)
    const { rows } = await knex.raw(
      `update mail_outbox set claimed_until = now() + make_interval(secs => ?), attempts = attempts + 1, updated_at = now()
       where id in (
         select id from mail_outbox
         where sent_at is null and deleted_at is null and (claimed_until is null or claimed_until < now())
         order by created_at limit ? for update skip locked)
       returning id, idempotency_key, entries, attempts`,
      [holdSeconds, limit]
    )
    return rows
  }

  @InjectManager()
  async markSent(ids: string[], @MedusaContext() context: Context = {}) {
    if (!ids.length) return
    const knex = knexOf(context)
    await knex("mail_outbox").whereIn("id", ids).update({ sent_at: knex.fn.now(), claimed_until: null, last_error: null, updated_at: knex.fn.now() })
  }

  /** The rows stay claimed until their hold ends, which is the backoff before the next try. */
  @InjectManager()
  async markFailed(ids: string[], error: string, @MedusaContext() context: Context = {}) {
    if (!ids.length) return
    const knex = knexOf(context)
    await knex("mail_outbox").whereIn("id", ids).update({ last_error: error.slice(0, 2000), updated_at: knex.fn.now() })
  }

  @InjectManager()
  async unsentCount(@MedusaContext() context: Context = {}) {
    const [row] = await knexOf(context)("mail_outbox").whereNull("sent_at").whereNull("deleted_at").count({ n: "*" })
    return Number(row.n)
  }

  /** Records the opt-out once; a second click of the same link changes nothing. */
  @InjectManager()
  async optOut(customerId: string, topic: MailTopic, @MedusaContext() context: Context = {}) {
    await knexOf(context)("mail_opt_out")
      .insert({ id: generateEntityId(undefined, "mopt"), customer_id: customerId, topic })
      .onConflict(knexOf(context).raw("(customer_id, topic) where deleted_at is null"))
      .ignore()
  }

  /** Which of `customerIds` asked for no mails of `topic`. */
  @InjectManager()
  async optedOut(customerIds: string[], topic: MailTopic, @MedusaContext() context: Context = {}) {
    if (!customerIds.length) return new Set<string>()
    const rows = await knexOf(context)("mail_opt_out").whereIn("customer_id", customerIds).where({ topic }).whereNull("deleted_at").select("customer_id")
    return new Set<string>(rows.map((r: any) => r.customer_id))
  }

  /** Marks a game announced; false when it already was (the announcement's mails were queued before). */
  @InjectManager()
  async markAnnounced(gameId: string, picked: number, @MedusaContext() context: Context = {}) {
    const knex = knexOf(context)
    const rows = await knex("release_announcement")
      .insert({ id: generateEntityId(undefined, "rann"), game_id: gameId, picked })
      .onConflict(knex.raw("(game_id) where deleted_at is null"))
      .ignore()
      .returning("id")
    return rows.length > 0
  }
}

export default MailModuleService
