import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { ACCOUNT_MODULE } from "../../../modules/account"
import type AccountModuleService from "../../../modules/account/service"
import type { ReportRow } from "../../../modules/gift/report"

type Person = { id: string; email: string | null; handle: string | null }
export type People = Map<string, Person>

/** Emails and handles of the senders and recipients of some gifts: two batch reads, not one per row. */
export async function peopleOf(scope: MedusaContainer, rows: { sender_id: string; recipient_id: string }[]): Promise<People> {
  const ids = [...new Set(rows.flatMap((r) => [r.sender_id, r.recipient_id]))]
  if (!ids.length) return new Map()
  const [customers, profiles] = await Promise.all([
    scope.resolve(Modules.CUSTOMER).listCustomers({ id: ids }, { select: ["id", "email"], take: ids.length }),
    scope
      .resolve<AccountModuleService>(ACCOUNT_MODULE)
      .listPlayerProfiles({ customer_id: ids }, { select: ["customer_id", "handle"], take: ids.length }),
  ])
  const emails = new Map(customers.map((c) => [c.id, c.email ?? null]))
  const handles = new Map(profiles.map((p) => [p.customer_id, p.handle]))
  // A deleted customer or one without a profile still shows up, by id.
  return new Map(ids.map((id) => [id, { id, email: emails.get(id) ?? null, handle: handles.get(id) ?? null }]))
}

const money = (v: unknown) => (v === null || v === undefined ? null : Number(v))

export function giftView(row: ReportRow, people: People) {
  return {
    id: row.id,
    state: row.state,
    refund_reason: row.refund_reason,
    sender: people.get(row.sender_id) ?? { id: row.sender_id, email: null, handle: null },
    recipient: people.get(row.recipient_id) ?? { id: row.recipient_id, email: null, handle: null },
    sender_country: row.sender_country,
    recipient_country: row.recipient_country,
    game: { id: row.game_id, title: row.game_title },
    currency_code: row.currency_code,
    amount: money(row.amount),
    cash_amount: money(row.cash_amount),
    points_used: row.points_used,
    bought_at: row.bought_at,
    delivered_at: row.delivered_at,
    answered_at: row.answered_at,
    refunded_at: row.refunded_at,
    created_at: row.created_at,
    deliver_at: row.deliver_at,
  }
}
export type GiftView = ReturnType<typeof giftView>

/** The export's columns, each with how a view's cell is read. */
export const CSV_COLUMNS: [string, (g: GiftView) => unknown][] = [
  ["id", (g) => g.id],
  ["created_at", (g) => g.created_at],
  ["bought_at", (g) => g.bought_at],
  ["deliver_at", (g) => g.deliver_at],
  ["delivered_at", (g) => g.delivered_at],
  ["answered_at", (g) => g.answered_at],
  ["refunded_at", (g) => g.refunded_at],
  ["state", (g) => g.state],
  ["refund_reason", (g) => g.refund_reason],
  ["sender_id", (g) => g.sender.id],
  ["sender_email", (g) => g.sender.email],
  ["sender_handle", (g) => g.sender.handle],
  ["sender_country", (g) => g.sender_country],
  ["recipient_id", (g) => g.recipient.id],
  ["recipient_email", (g) => g.recipient.email],
  ["recipient_handle", (g) => g.recipient.handle],
  ["recipient_country", (g) => g.recipient_country],
  ["game_id", (g) => g.game.id],
  ["game_title", (g) => g.game.title],
  ["currency_code", (g) => g.currency_code],
  ["amount", (g) => g.amount],
  ["cash_amount", (g) => g.cash_amount],
  ["points_used", (g) => g.points_used],
]
