import { InjectManager, MedusaContext, MedusaError, MedusaService } from "@medusajs/framework/utils"
import type { Context } from "@medusajs/framework/types"
import { knexOf } from "../knex"
import Entitlement from "./models/entitlement"

type GrantInput = {
  customer_id: string
  game_id: string
  order_id?: string | null
  source: "purchase" | "preorder" | "gift"
}

class LibraryModuleService extends MedusaService({ Entitlement }) {
  async activeEntitlement(customerId: string, gameId: string) {
    const [found] = await this.listEntitlements(
      { customer_id: customerId, game_id: gameId, status: "active" },
      { take: 1 }
    )
    return found ?? null
  }

  async ownedGameIds(customerId: string, gameIds?: string[]) {
    const owned = await this.listEntitlements(
      { customer_id: customerId, status: "active", ...(gameIds ? { game_id: gameIds } : {}) },
      { select: ["game_id"] }
    )
    return new Set(owned.map((e) => e.game_id))
  }

  /**
   * Grants a game for an order. Idempotent per order: granting again for the same order returns
   * the same entitlement; a different active entitlement for the game is a conflict.
   */
  async grant(input: GrantInput) {
    const existing = await this.activeEntitlement(input.customer_id, input.game_id)
    if (existing) {
      if (input.order_id && existing.order_id === input.order_id) return existing
      throw new MedusaError(MedusaError.Types.CONFLICT, "The player already owns this game", "already_owned")
    }
    try {
      return await this.createEntitlements({ ...input, status: "active" })
    } catch (e: any) {
      const raced = await this.activeEntitlement(input.customer_id, input.game_id)
      if (raced && input.order_id && raced.order_id === input.order_id) return raced
      if (raced) throw new MedusaError(MedusaError.Types.CONFLICT, "The player already owns this game", "already_owned")
      throw e
    }
  }

  /**
   * Adds played minutes to an active entitlement of this customer; null when there is none. One
   * UPDATE (`play_minutes = play_minutes + n`), so parallel reports all count: a read then a write
   * would lose the reports that land in between, and the 2-hour refund rule reads this number.
   */
  @InjectManager()
  async addPlayTime(
    entitlementId: string,
    customerId: string,
    minutes: number,
    @MedusaContext() context: Context = {}
  ): Promise<{ id: string; game_id: string; play_minutes: number } | null> {
    if (!Number.isSafeInteger(minutes) || minutes <= 0) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, "Minutes must be a positive whole number")
    }
    const knex = knexOf(context)
    const [row] = await knex("entitlement")
      .where({ id: entitlementId, customer_id: customerId, status: "active" })
      .whereNull("deleted_at")
      .update({ play_minutes: knex.raw("play_minutes + ?", [minutes]), updated_at: knex.fn.now() })
      .returning(["id", "game_id", "play_minutes"])
    return row ? { id: row.id as string, game_id: row.game_id as string, play_minutes: Number(row.play_minutes) } : null
  }

  /** Revokes the entitlements an order granted for these games; a second call has no further effect. */
  async revokeGames(orderId: string, gameIds: string[], reason: string) {
    const active = await this.listEntitlements({ order_id: orderId, game_id: gameIds, status: "active" })
    if (!active.length) return []
    return this.updateEntitlements(
      active.map((e) => ({ id: e.id, status: "revoked" as const, revoked_at: new Date(), revoke_reason: reason }))
    )
  }

  /** Revokes the entitlement an order granted; a second call has no further effect. */
  async revokeForOrder(orderId: string, reason: string) {
    const active = await this.listEntitlements({ order_id: orderId, status: "active" })
    if (!active.length) return []
    return this.updateEntitlements(
      active.map((e) => ({ id: e.id, status: "revoked" as const, revoked_at: new Date(), revoke_reason: reason }))
    )
  }
}

export default LibraryModuleService
