import type { Knex } from "@mikro-orm/knex"
import type { GiftState } from "./models/gift"

/**
 * Read-only SQL of the staff gift report (GET /admin/gifts…). Plain functions over a knex rather
 * than service methods, so the report stays apart from the gift saga's service.
 */
export type GiftReportFilters = { state?: GiftState[]; from?: Date; to?: Date; country?: string; game_id?: string }

export const REPORT_COLUMNS = [
  "id", "state", "refund_reason", "sender_id", "recipient_id", "sender_country", "recipient_country",
  "game_id", "game_title", "currency_code", "amount", "cash_amount", "points_used",
  "bought_at", "delivered_at", "answered_at", "refunded_at", "created_at", "deliver_at",
] as const

const DETAIL_COLUMNS = [
  ...REPORT_COLUMNS, "message", "failure_reason", "purchase_id", "order_id", "refund_id", "expires_at", "sender_time_zone",
]

export type ReportRow = Record<(typeof REPORT_COLUMNS)[number], any>

/** Newest first; id breaks ties so paging and the export's keyset agree on one order. */
const NEWEST_FIRST = [
  { column: "created_at", order: "desc" },
  { column: "id", order: "desc" },
] as const

function filtered(knex: Knex, f: GiftReportFilters) {
  const q = knex("gift").whereNull("deleted_at")
  if (f.state?.length) q.whereIn("state", f.state)
  if (f.from) q.where("created_at", ">=", f.from)
  if (f.to) q.where("created_at", "<", f.to)
  if (f.country) q.where((w) => w.where("sender_country", f.country!).orWhere("recipient_country", f.country!))
  if (f.game_id) q.where("game_id", f.game_id)
  return q
}

export async function giftPage(knex: Knex, f: GiftReportFilters, page: { limit: number; offset: number }): Promise<ReportRow[]> {
  return filtered(knex, f).select(REPORT_COLUMNS as any).orderBy(NEWEST_FIRST as any).limit(page.limit).offset(page.offset)
}

export type GiftTotal = { state: GiftState; currency_code: string; count: number; amount: number; cash_amount: number; points_used: number }

/** Per state and currency over the whole filtered set, not just one page. */
export async function giftTotals(knex: Knex, f: GiftReportFilters): Promise<GiftTotal[]> {
  const rows = await filtered(knex, f)
    .select(
      "state",
      "currency_code",
      knex.raw("count(*)::int as count"),
      knex.raw("coalesce(sum(amount), 0)::text as amount"),
      knex.raw("coalesce(sum(cash_amount), 0)::text as cash_amount"),
      knex.raw("coalesce(sum(points_used), 0)::text as points_used")
    )
    .groupBy("state", "currency_code")
    .orderBy(["state", "currency_code"])
  return rows.map((r: any) => ({
    state: r.state,
    currency_code: r.currency_code,
    count: r.count,
    amount: Number(r.amount),
    cash_amount: Number(r.cash_amount),
    points_used: Number(r.points_used),
  }))
}

/**
 * Where the previous batch ended. The timestamp stays PostgreSQL text: a JS Date keeps
 * milliseconds only, and created_at has microseconds, so a Date cursor would skip or repeat rows.
 */
export type GiftCursor = { created_at: string; id: string }

/** One batch of the export, after `cursor` in the report's order (keyset, so batch N costs what batch 1 does). */
export async function giftBatch(knex: Knex, f: GiftReportFilters, cursor: GiftCursor | null, size: number) {
  const q = filtered(knex, f).select([...REPORT_COLUMNS, knex.raw("created_at::text as cursor_at")] as any)
  if (cursor) q.whereRaw("(created_at, id) < (?::timestamptz, ?)", [cursor.created_at, cursor.id])
  const rows: (ReportRow & { cursor_at: string })[] = await q.orderBy(NEWEST_FIRST as any).limit(size)
  const last = rows[rows.length - 1]
  return { rows, next: rows.length === size ? { created_at: last.cursor_at, id: last.id } : null }
}

export async function giftById(knex: Knex, id: string): Promise<Record<string, any> | null> {
  const [row] = await knex("gift").where({ id }).whereNull("deleted_at").select(DETAIL_COLUMNS).limit(1)
  return row ?? null
}

/** The gift's history, oldest first (ids are time-ordered, so they break ties within a transaction). */
export async function giftHistory(knex: Knex, giftId: string) {
  return knex("gift_event")
    .where({ gift_id: giftId })
    .whereNull("deleted_at")
    .select(["id", "from_state", "to_state", "cause", "actor", "created_at"])
    .orderBy([{ column: "created_at", order: "asc" }, { column: "id", order: "asc" }])
}
