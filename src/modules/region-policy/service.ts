import {
  generateEntityId,
  InjectManager,
  InjectTransactionManager,
  MedusaContext,
  MedusaError,
  MedusaService,
} from "@medusajs/framework/utils"
import type { Context } from "@medusajs/framework/types"
import { knexOf } from "../knex"
import CustomerResidence from "./models/customer-residence"
import ResidenceChange from "./models/residence-change"
import ResidenceChangeLift from "./models/residence-change-lift"
import { normalizeCountryCode } from "./countries"
import { ResidenceChangeTooSoonError, residenceChangeDays } from "./residence-rule"

export type ResidenceChangeSource = "signup" | "customer" | "admin" | "first_purchase"

type SetResidenceInput = {
  customer_id: string
  country_code: string
  reason?: string | null
  source: ResidenceChangeSource
}

export type ResidenceLift = {
  id: string
  customer_id: string
  created_by: string
  reason: string
  used_at: Date | null
  change_id: string | null
  created_at: Date
}

/** Where a player stands with the residence rule. */
export type ResidenceStatus = {
  country_code: string | null
  /** The rule's window (RESIDENCE_CHANGE_DAYS); 0 when it is off. */
  change_days: number
  /** Whether a change of the residence is allowed now. */
  change_allowed: boolean
  /** When the next change becomes possible; null when it is possible now. */
  next_change_at: Date | null
  /** The last change that counts (the first residence does not). */
  last_change_at: Date | null
  /** A staff lift the next change will use. */
  open_lift: ResidenceLift | null
}

const LIFT_FIELDS = ["id", "customer_id", "created_by", "reason", "used_at", "change_id", "created_at"]

class RegionPolicyModuleService extends MedusaService({ CustomerResidence, ResidenceChange, ResidenceChangeLift }) {
  async getResidenceCountry(customerId: string | null | undefined): Promise<string | null> {
    if (!customerId) return null
    const [residence] = await this.listCustomerResidences({ customer_id: customerId }, { take: 1 })
    return residence?.country_code ?? null
  }

  /**
   * Sets or changes the residence and logs it in one transaction. `expect_none` makes a first-time
   * set (sign-up, first purchase) refuse to overwrite an existing residence, so changes always go
   * through the log.
   *
   * Residence rule: a change (not the first residence) is allowed once per RESIDENCE_CHANGE_DAYS
   * (90) days, else 409 `residence_change_too_soon` with the time it becomes possible; a staff
   * lift lets the next change through at once and is used up by it. Staff changes (`admin`) are
   * not limited but count. The player's residence row is locked first, so two parallel changes run
   * one after the other and the second sees the first.
   */
  @InjectTransactionManager()
  async setResidence(
    input: SetResidenceInput & { expect_none?: boolean },
    @MedusaContext() sharedContext: Context = {}
  ) {
    const country = normalizeCountryCode(input.country_code)
    if (!country) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `Unknown country code '${input.country_code}'`
      )
    }
    const knex = knexOf(sharedContext)
    await knex("customer_residence")
      .where({ customer_id: input.customer_id })
      .whereNull("deleted_at")
      .forUpdate()
      .select("id")
    const [current] = await this.listCustomerResidences(
      { customer_id: input.customer_id },
      { take: 1 },
      sharedContext
    )
    if (current && input.expect_none) {
      throw new MedusaError(
        MedusaError.Types.CONFLICT,
        "Residence country is already set; request a residence change instead"
      )
    }
    if (current?.country_code === country) {
      return { residence: current, change: null }
    }

    let liftId: string | null = null
    if (current && input.source !== "admin") {
      // An open staff lift is used up by this change, whenever the last one was.
      const [lift] = await knex("residence_change_lift")
        .where({ customer_id: input.customer_id })
        .whereNull("used_at")
        .whereNull("deleted_at")
        .update({ used_at: knex.fn.now(), updated_at: knex.fn.now() })
        .returning("id")
      liftId = lift?.id ?? null
      const days = residenceChangeDays()
      if (!liftId && days > 0) {
        const last = await this.lastCountedChange(knex, input.customer_id, days)
        if (last?.in_window) throw new ResidenceChangeTooSoonError(last.next_at, days)
      }
    }

    const residence = current
      ? await this.updateCustomerResidences({ id: current.id, country_code: country }, sharedContext)
      : await this.createCustomerResidences(
          { customer_id: input.customer_id, country_code: country },
          sharedContext
        )
    const change = await this.createResidenceChanges(
      {
        customer_id: input.customer_id,
        from_country: current?.country_code ?? null,
        to_country: country,
        reason: input.reason ?? null,
        source: input.source,
        lift_id: liftId,
      },
      sharedContext
    )
    if (liftId) {
      await knex("residence_change_lift").where({ id: liftId }).update({ change_id: change.id })
    }
    return { residence, change }
  }

  /**
   * Undoes what `setResidence` did (a workflow's compensation): the change leaves the log, the
   * residence goes back (or away, for a first one) and a lift the change used is open again.
   */
  @InjectTransactionManager()
  async undoResidenceChange(
    undo: { residence_id: string; change_id: string; from: string | null },
    @MedusaContext() sharedContext: Context = {}
  ) {
    const knex = knexOf(sharedContext)
    await knex.raw(
      `update residence_change_lift l set used_at = null, change_id = null, updated_at = now()
       where l.change_id = ? and l.deleted_at is null
         and not exists (select 1 from residence_change_lift o
                         where o.customer_id = l.customer_id and o.used_at is null and o.deleted_at is null)`,
      [undo.change_id]
    )
    await this.deleteResidenceChanges(undo.change_id, sharedContext)
    if (undo.from) {
      await this.updateCustomerResidences({ id: undo.residence_id, country_code: undo.from }, sharedContext)
    } else {
      await this.deleteCustomerResidences(undo.residence_id, sharedContext)
    }
  }

  /** The player's residence, and when the residence rule lets it change next. */
  @InjectManager()
  async residenceStatus(customerId: string, @MedusaContext() context: Context = {}): Promise<ResidenceStatus> {
    const knex = knexOf(context)
    const days = residenceChangeDays()
    const [residence] = await knex("customer_residence")
      .where({ customer_id: customerId })
      .whereNull("deleted_at")
      .select("country_code")
      .limit(1)
    const [lift] = await knex("residence_change_lift")
      .where({ customer_id: customerId })
      .whereNull("used_at")
      .whereNull("deleted_at")
      .select(LIFT_FIELDS)
      .limit(1)
    const last = await this.lastCountedChange(knex, customerId, days)
    const blockedUntil = !lift && days > 0 && last?.in_window ? last.next_at : null
    return {
      country_code: residence?.country_code ?? null,
      change_days: days,
      change_allowed: !blockedUntil,
      next_change_at: blockedUntil,
      last_change_at: last?.created_at ?? null,
      open_lift: (lift as ResidenceLift) ?? null,
    }
  }

  /**
   * Staff lift the residence rule for one player: the next change is allowed at once. At most one
   * lift is open per player; lifting again returns the open one (`created: false`).
   */
  @InjectTransactionManager()
  async liftChangeLimit(
    input: { customer_id: string; created_by: string; reason: string },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ lift: ResidenceLift; created: boolean }> {
    const knex = knexOf(sharedContext)
    const [created] = await knex("residence_change_lift")
      .insert({
        id: generateEntityId(undefined, "reslift"),
        customer_id: input.customer_id,
        created_by: input.created_by,
        reason: input.reason,
      })
      .onConflict(knex.raw("(customer_id) where used_at is null and deleted_at is null"))
      .ignore()
      .returning(LIFT_FIELDS)
    if (created) return { lift: created as ResidenceLift, created: true }
    const [open] = await knex("residence_change_lift")
      .where({ customer_id: input.customer_id })
      .whereNull("used_at")
      .whereNull("deleted_at")
      .select(LIFT_FIELDS)
    return { lift: open as ResidenceLift, created: false }
  }

  /**
   * The latest change that counts for the rule (not a first residence), the end of its window and
   * whether that is still ahead (the database's clock, the one `created_at` was taken with).
   */
  private async lastCountedChange(knex: ReturnType<typeof knexOf>, customerId: string, days: number) {
    const [row] = await knex("residence_change")
      .where({ customer_id: customerId })
      .whereNotNull("from_country")
      .whereNull("deleted_at")
      .orderBy("created_at", "desc")
      .limit(1)
      .select(
        "created_at",
        knex.raw("created_at + make_interval(days => ?) as next_at", [days]),
        knex.raw("created_at + make_interval(days => ?) > now() as in_window", [days])
      )
    return row
      ? { created_at: new Date(row.created_at), next_at: new Date(row.next_at), in_window: !!row.in_window }
      : null
  }
}

export default RegionPolicyModuleService
