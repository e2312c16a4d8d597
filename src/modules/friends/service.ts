import { generateEntityId, InjectManager, InjectTransactionManager, MedusaContext, MedusaError, MedusaService } from "@medusajs/framework/utils"
import type { Context } from "@medusajs/framework/types"
import { knexOf } from "../knex"
import FriendBlock from "./models/friend-block"
import FriendRequest from "./models/friend-request"
import Friendship from "./models/friendship"

const pair = (a: string, b: string) => (a < b ? { customer_a: a, customer_b: b } : { customer_a: b, customer_b: a })
const refuse = (type: string, message: string, code: string) => new MedusaError(type, message, code)

export type RequestTarget = { customer_id: string } | { email: string }
export type Limits = { pending: number; daily: number }

class FriendsModuleService extends MedusaService({ FriendRequest, Friendship, FriendBlock }) {
  @InjectManager()
  async areFriends(a: string, b: string, @MedusaContext() context: Context = {}) {
    const [row] = await knexOf(context)("friendship").where(pair(a, b)).whereNull("deleted_at").select("id").limit(1)
    return !!row
  }

  @InjectManager()
  async listFriends(customerId: string, @MedusaContext() context: Context = {}): Promise<{ customer_id: string; since: Date }[]> {
    const rows = await knexOf(context)("friendship")
      .where((q) => q.where("customer_a", customerId).orWhere("customer_b", customerId))
      .whereNull("deleted_at")
      .orderBy("created_at", "desc")
      .select(["customer_a", "customer_b", "created_at"])
    return rows.map((r: any) => ({ customer_id: r.customer_a === customerId ? r.customer_b : r.customer_a, since: r.created_at }))
  }

  @InjectManager()
  async isBlockedEitherWay(a: string, b: string, @MedusaContext() context: Context = {}) {
    const [row] = await knexOf(context)("friend_block")
      .where((q) => q.where({ blocker_id: a, blocked_id: b }).orWhere({ blocker_id: b, blocked_id: a }))
      .whereNull("deleted_at")
      .select("id")
      .limit(1)
    return !!row
  }

  /**
   * A request from `from` to a player or an email address. Under two transaction locks — the
   * sender's (so parallel requests count each other against the limits) and the pair's (so two
   * crossing requests meet): a request the other side already sent is accepted instead, making
   * one friendship. Refused: self, blocked, already friends, already pending, over the limits.
   */
  @InjectTransactionManager()
  async sendRequest(from: string, to: RequestTarget, limits: Limits, @MedusaContext() context: Context = {}) {
    const knex = knexOf(context)
    await knex.raw("select pg_advisory_xact_lock(hashtext(?))", [`friends:${from}`])
    const toId = "customer_id" in to ? to.customer_id : null
    const toEmail = "email" in to ? to.email.toLowerCase() : null
    if (toId === from) throw refuse(MedusaError.Types.INVALID_DATA, "You cannot send a friend request to yourself", "self_request")
    if (toId) {
      const key = [from, toId].sort().join(":")
      await knex.raw("select pg_advisory_xact_lock(hashtext(?))", [`friends:pair:${key}`])
      if (await this.isBlockedEitherWay(from, toId, context)) {
        // 403 whichever side blocked: the blocked player is not told who did.
        throw refuse(MedusaError.Types.FORBIDDEN, "You cannot send a friend request to this player", "blocked")
      }
      if (await this.areFriends(from, toId, context)) throw refuse(MedusaError.Types.CONFLICT, "You are friends already", "already_friends")
      const [crossing] = await knex("friend_request").where({ from_customer_id: toId, to_customer_id: from, status: "pending" }).whereNull("deleted_at").select("id")
      if (crossing) return { friendship: await this.answerRequest(crossing.id, from, "accepted", context), request: null, crossing_id: crossing.id as string }
    }
    const pendingSame = knex("friend_request").where({ from_customer_id: from, status: "pending" }).whereNull("deleted_at")
    const [same] = await pendingSame.clone().where(toId ? { to_customer_id: toId } : { to_email: toEmail }).select("id")
    if (same) throw refuse(MedusaError.Types.CONFLICT, "Your request is waiting for an answer already", "request_pending")
    const [{ n: pending }] = await pendingSame.clone().count({ n: "*" })
    if (Number(pending) >= limits.pending) {
      throw refuse(MedusaError.Types.NOT_ALLOWED, `At most ${limits.pending} friend requests can wait for an answer`, "pending_limit")
    }
    // Cancelled and answered requests still count (a day's quota is not refilled by withdrawing).
    const [{ n: today }] = await knex("friend_request")
      .where({ from_customer_id: from })
      .whereNull("deleted_at")
      .where("created_at", ">", knex.raw("now() - interval '1 day'"))
      .count({ n: "*" })
    if (Number(today) >= limits.daily) {
      throw refuse(MedusaError.Types.NOT_ALLOWED, `At most ${limits.daily} friend requests a day`, "daily_limit")
    }
    const [request] = await knex("friend_request")
      .insert({ id: generateEntityId(undefined, "frq"), from_customer_id: from, to_customer_id: toId, to_email: toId ? null : toEmail, status: "pending" })
      .returning("*")
    return { friendship: null, request, crossing_id: null }
  }

  /**
   * A workflow's compensation: a request it created is soft-deleted (so it no longer counts against
   * the limits), one it accepted is pending again and the friendship that made is gone.
   */
  @InjectTransactionManager()
  async revertRequest(undo: { created_id?: string | null; accepted_id?: string | null; friendship_id?: string | null }, @MedusaContext() context: Context = {}) {
    const knex = knexOf(context)
    if (undo.created_id) await knex("friend_request").where({ id: undo.created_id }).update({ deleted_at: knex.fn.now() })
    if (undo.accepted_id) {
      await knex("friend_request").where({ id: undo.accepted_id, status: "accepted" }).update({ status: "pending", answered_at: null, updated_at: knex.fn.now() })
    }
    if (undo.friendship_id) await knex("friendship").where({ id: undo.friendship_id }).whereNull("deleted_at").update({ deleted_at: knex.fn.now() })
  }

  /** Accepts or declines a request addressed to `customer` (404 for anyone else's); pending only. */
  @InjectTransactionManager()
  async answerRequest(id: string, customer: string, answer: "accepted" | "declined", @MedusaContext() context: Context = {}) {
    const knex = knexOf(context)
    const [request] = await knex("friend_request").where({ id, to_customer_id: customer }).whereNull("deleted_at").forUpdate().select("*")
    if (!request) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Friend request '${id}' not found`)
    if (request.status !== "pending") throw refuse(MedusaError.Types.CONFLICT, `This request was ${request.status} already`, "request_answered")
    await knex("friend_request").where({ id }).update({ status: answer, answered_at: knex.fn.now(), updated_at: knex.fn.now() })
    if (answer === "declined") return null
    const [friendship] = await knex("friendship")
      .insert({ id: generateEntityId(undefined, "frn"), ...pair(request.from_customer_id, customer) })
      .onConflict(knex.raw("(customer_a, customer_b) where deleted_at is null"))
      .ignore()
      .returning("*")
    return friendship ?? (await knex("friendship").where(pair(request.from_customer_id, customer)).whereNull("deleted_at").first())
  }

  /** The sender withdraws a pending request (404 for anyone else's). */
  @InjectTransactionManager()
  async cancelRequest(id: string, customer: string, @MedusaContext() context: Context = {}) {
    const knex = knexOf(context)
    const rows = await knex("friend_request").where({ id, from_customer_id: customer }).whereNull("deleted_at").select("status")
    if (!rows.length) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Friend request '${id}' not found`)
    if (rows[0].status !== "pending") throw refuse(MedusaError.Types.CONFLICT, `This request was ${rows[0].status} already`, "request_answered")
    await knex("friend_request").where({ id, status: "pending" }).update({ status: "cancelled", answered_at: knex.fn.now(), updated_at: knex.fn.now() })
  }

  @InjectTransactionManager()
  async removeFriend(customer: string, friend: string, @MedusaContext() context: Context = {}) {
    const knex = knexOf(context)
    const removed = await knex("friendship").where(pair(customer, friend)).whereNull("deleted_at").update({ deleted_at: knex.fn.now() })
    if (!removed) throw new MedusaError(MedusaError.Types.NOT_FOUND, "Not a friend of yours")
  }

  /** Blocks a player: the friendship ends and pending requests both ways are cancelled. Returns whether it is new. */
  @InjectTransactionManager()
  async block(blocker: string, blocked: string, @MedusaContext() context: Context = {}) {
    if (blocker === blocked) throw refuse(MedusaError.Types.INVALID_DATA, "You cannot block yourself", "self_block")
    const knex = knexOf(context)
    await knex("friendship").where(pair(blocker, blocked)).whereNull("deleted_at").update({ deleted_at: knex.fn.now() })
    await knex("friend_request")
      .where({ status: "pending" })
      .where((q) => q.where({ from_customer_id: blocker, to_customer_id: blocked }).orWhere({ from_customer_id: blocked, to_customer_id: blocker }))
      .update({ status: "cancelled", answered_at: knex.fn.now(), updated_at: knex.fn.now() })
    const [row] = await knex("friend_block")
      .insert({ id: generateEntityId(undefined, "fblk"), blocker_id: blocker, blocked_id: blocked })
      .onConflict(knex.raw("(blocker_id, blocked_id) where deleted_at is null"))
      .ignore()
      .returning("id")
    return !!row
  }

  @InjectTransactionManager()
  async unblock(blocker: string, blocked: string, @MedusaContext() context: Context = {}) {
    const knex = knexOf(context)
    await knex("friend_block").where({ blocker_id: blocker, blocked_id: blocked }).whereNull("deleted_at").update({ deleted_at: knex.fn.now() })
  }

  /** Invitations mailed to an address become requests to the player who signed up with it. */
  @InjectTransactionManager()
  async attachInvites(customerId: string, email: string, @MedusaContext() context: Context = {}) {
    const knex = knexOf(context)
    return knex("friend_request")
      .where({ to_email: email.toLowerCase(), status: "pending" })
      .whereNull("to_customer_id")
      .whereNot("from_customer_id", customerId)
      .whereNull("deleted_at")
      .update({ to_customer_id: customerId, updated_at: knex.fn.now() })
      .returning("*")
  }
}

export default FriendsModuleService
