import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError, Modules } from "@medusajs/framework/utils"
import { announceSettled } from "../settlement"
import { refundDecision } from "./policy"
import { GAME_MODULE } from "../../modules/game"
import type GameModuleService from "../../modules/game/service"
import { LIBRARY_MODULE } from "../../modules/library"
import type LibraryModuleService from "../../modules/library/service"
import { PURCHASE_MODULE } from "../../modules/purchase"
import type PurchaseModuleService from "../../modules/purchase/service"
import { sendMail } from "../steps/send-mail"
import { refundKeys } from "./keys"
import { refundGamesWorkflow } from "./refund-games"
import type { RefundGame } from "./steps/open-refund"
import { refuse } from "../purchase/cart-rules"
import { GIFT_MODULE } from "../../modules/gift"
import type GiftModuleService from "../../modules/gift/service"

/** Minutes before each automatic retry of a refund that did not go through; then only staff retry. */
export const REFUND_RETRY_MINUTES = [1, 5, 30, 120, 720]

export function nextRefundRetry(attempts: number, now = new Date()): Date | null {
  const wait = REFUND_RETRY_MINUTES[attempts - 1]
  return wait === undefined ? null : new Date(now.getTime() + wait * 60_000)
}

type RefundRequest = {
  customer_id: string
  order_id: string
  game_ids?: string[]
  idempotency_key?: string
  now?: Date
  /** A gift's order, refunded at its recipient's request (the money and points go to the sender). */
  gift_id?: string
}

/**
 * A player asks for games of one of their orders back (all its games when none are named). Checked
 * under the order's lock — each game refundable under the policy, none covered by another refund —
 * then the refund is recorded and its saga runs in the background (202). The same games asked again
 * while their refund exists answer with that refund.
 */
export async function requestRefund(container: MedusaContainer, input: RefundRequest) {
  const refunds = container.resolve<PurchaseModuleService>(PURCHASE_MODULE)
  if (input.idempotency_key) {
    const [known] = await refunds.listGameRefunds({ customer_id: input.customer_id, idempotency_key: input.idempotency_key }, { take: 1 })
    if (known) return replay(known, input)
  }
  const locking = container.resolve(Modules.LOCKING)
  const created: { refund: any; started: boolean; retry?: boolean } = await locking.execute(
    `refund:${input.order_id}`,
    () => recordRefund(container, input),
    { timeout: 30 }
  )
  if (created.retry) return retryGameRefund(container, created.refund.id)
  if (!created.started) return created
  return { refund: created.refund, started: true, settled: runRefundAttempt(container, created.refund.id, 1) }
}

function replay(known: any, input: RefundRequest) {
  const asked = input.game_ids ? [...new Set(input.game_ids)].sort().join() : null
  const had = (known.games as RefundGame[]).map((g) => g.game_id).sort().join()
  if (known.order_id !== input.order_id || (asked !== null && asked !== had)) {
    throw refuse(MedusaError.Types.INVALID_DATA, "This Idempotency-Key was used for another request", "idempotency_key_reused")
  }
  return { refund: known, started: false as const }
}

async function recordRefund(container: MedusaContainer, input: RefundRequest) {
  const refunds = container.resolve<PurchaseModuleService>(PURCHASE_MODULE)
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: [order] } = await query.graph({
    entity: "order",
    // "total" makes the order module compute the lines' totals too.
    fields: ["id", "customer_id", "currency_code", "created_at", "total", "cart.id", "items.id", "items.product_id", "items.title", "items.total"],
    filters: { id: input.order_id },
  })
  const o = order as any
  if (!o || o.customer_id !== input.customer_id) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Order '${input.order_id}' not found`)
  // The game of a gift's order is in the recipient's library: its sender cannot take it back.
  const [gift] = await container.resolve<GiftModuleService>(GIFT_MODULE).listGifts({ order_id: o.id }, { select: ["id"], take: 1 })
  if (gift && gift.id !== input.gift_id) {
    throw refuse(MedusaError.Types.FORBIDDEN, "This order bought a gift: only its recipient can ask for its refund", "gift_order")
  }

  const items = (o.items ?? []) as any[]
  const games = await container
    .resolve<GameModuleService>(GAME_MODULE)
    .listGames({ product_id: items.map((i) => i.product_id) }, { select: ["id", "title", "product_id", "release_at"] })
  const gameOf = new Map(games.map((g) => [g.product_id, g]))
  const lines = items.flatMap((i) => {
    const g = gameOf.get(i.product_id)
    return g ? [{ game: g, line: { game_id: g.id, title: g.title, line_item_id: i.id, total: Number(i.total) } as RefundGame }] : []
  })
  const existing = await refunds.listGameRefunds({ order_id: o.id }, { take: 100 })
  const covered = new Map(existing.flatMap((r) => (r.games as unknown as RefundGame[]).map((g) => [g.game_id, r] as const)))

  const asked = input.game_ids ? [...new Set(input.game_ids)] : lines.map((l) => l.game.id).filter((id) => !covered.has(id))
  if (!asked.length) throw refuse(MedusaError.Types.CONFLICT, "Every game of this order is refunded already", "already_refunded")
  const chosen = asked.map((id) => {
    const found = lines.find((l) => l.game.id === id)
    if (!found) throw refuse(MedusaError.Types.INVALID_DATA, `Game '${id}' is not part of this order`, "not_in_order")
    return found
  })
  const previous = covered.get(chosen[0].game.id)
  if (previous) {
    const same = (previous.games as unknown as RefundGame[]).map((g) => g.game_id).sort().join() === [...asked].sort().join()
    // Asked again: a running refund answers for itself, a failed one is tried again now.
    if (same && previous.status === "refunding") return { refund: previous, started: false as const }
    if (same && previous.status === "failed") return { refund: previous, started: false as const, retry: true }
    throw refuse(MedusaError.Types.CONFLICT, `${chosen[0].game.title} has a refund already`, "already_refunded")
  }
  const overlap = chosen.find((c) => covered.has(c.game.id))
  if (overlap) throw refuse(MedusaError.Types.CONFLICT, `${overlap.game.title} has a refund already`, "already_refunded")
  // One refund of an order at a time: each fixes its share of the order against the ones before.
  if (existing.some((r) => r.status === "refunding")) {
    throw refuse(MedusaError.Types.CONFLICT, "Another refund of this order is under way", "refund_in_progress")
  }

  const library = container.resolve<LibraryModuleService>(LIBRARY_MODULE)
  const owned = await library.listEntitlements({ order_id: o.id, game_id: asked, status: "active" })
  const now = input.now ?? new Date()
  for (const c of chosen) {
    const entitlement = owned.find((e) => e.game_id === c.game.id)
    if (!entitlement) throw refuse(MedusaError.Types.NOT_ALLOWED, `${c.game.title} is not in your library from this order`, "not_refundable")
    // A gift's window opens when its recipient took it (it may have been scheduled months ahead).
    const purchased_at = input.gift_id ? entitlement.created_at : o.created_at
    const decision = refundDecision({ release_at: c.game.release_at, purchased_at, play_minutes: entitlement.play_minutes, now })
    if (!decision.allowed) throw refuse(MedusaError.Types.FORBIDDEN, `${c.game.title} is outside the refund policy`, decision.reason!)
  }
  const [purchase] = o.cart?.id ? await refunds.listPurchases({ cart_id: o.cart.id }, { select: ["id"], take: 1 }) : []
  const refund = await refunds.createGameRefunds({
    customer_id: input.customer_id,
    order_id: o.id,
    purchase_id: purchase?.id ?? null,
    idempotency_key: input.idempotency_key ?? null,
    games: chosen.map((c) => c.line) as any,
    currency_code: o.currency_code,
    status: "refunding",
    attempts: 1,
  })
  return { refund, started: true as const }
}

/**
 * Runs one attempt of a refund that is refunding at that attempt. An attempt the saga undid ends
 * failed with its reason and the next automatic retry, and the player is told. Settles when the
 * attempt has ended either way.
 */
export async function runRefundAttempt(container: MedusaContainer, refundId: string, attempt: number) {
  const run = await refundGamesWorkflow(container)
    .run({ input: { refund_id: refundId, attempt }, context: { transactionId: refundTransactionId(refundId, attempt) }, throwOnError: false })
    .catch((e) => ({ errors: [{ error: e }], transaction: undefined }))
  await settleRefundRun(container, refundId, attempt, run)
}

// No colon: Medusa's in-memory engine splits its storage keys on ":" and would not find the run again.
export const refundTransactionId = (refundId: string, attempt: number) => `${refundId}.${attempt}`

/** The refund and attempt a refund saga's transaction id names. */
export function parseRefundTransactionId(id: string) {
  const dot = id.lastIndexOf(".")
  return { refund_id: id.slice(0, dot), attempt: Number(id.slice(dot + 1)) }
}

/**
 * After a run of an attempt (here, or re-driven after a crash): an undone attempt ends failed. A
 * run still going (a step past the pivot waiting for its retry) is not settled by its errors.
 */
export async function settleRefundRun(
  container: MedusaContainer,
  refundId: string,
  attempt: number,
  run: { errors?: { error: any }[]; transaction?: { getFlow(): { state: string } } }
) {
  const state = run.transaction?.getFlow().state
  if (!run.errors?.length || (state && !["reverted", "failed"].includes(state))) return
  const error = (run.errors[0] as any).error
  await refundAttemptFailed(container, refundId, attempt, { code: error?.code, message: error?.message }).catch(() => {})
}

async function refundAttemptFailed(container: MedusaContainer, id: string, attempt: number, failure: { code?: string; message?: string }) {
  const refunds = container.resolve<PurchaseModuleService>(PURCHASE_MODULE)
  const reason = failure.code && /^[a-z_]+$/.test(failure.code) ? failure.code : "refund_failed"
  const retryAt = nextRefundRetry(attempt)
  const moved = await refunds.settleRefundAttempt(id, attempt, "failed", {
    failure_reason: reason,
    failure_message: (failure.message ?? "").slice(0, 500),
    retry_at: retryAt,
  })
  announceSettled(id)
  if (!moved) return
  const refund = await refunds.retrieveGameRefund(id)
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: [customer] } = await query.graph({ entity: "customer", fields: ["email"], filters: { id: refund.customer_id } })
  if (!customer?.email) return
  await sendMail(container, {
    to: customer.email,
    customer_id: refund.customer_id,
    template: "refund-failed",
    idempotency_key: refundKeys.failedMail(id, attempt),
    data: {
      refund_id: id,
      title: (refund.games as unknown as RefundGame[]).map((g) => g.title).join(", "),
      reason,
      retry_at: retryAt?.toISOString() ?? null,
    },
  })
}

/**
 * Tries a failed refund again (the retry job when due, or staff at any time). The request was
 * accepted under the policy when made, so the policy is not checked again.
 */
export async function retryGameRefund(container: MedusaContainer, id: string) {
  const refunds = container.resolve<PurchaseModuleService>(PURCHASE_MODULE)
  const attempt = await refunds.beginRefundAttempt(id)
  if (attempt === null) {
    const [refund] = await refunds.listGameRefunds({ id }, { take: 1 })
    if (!refund) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Refund '${id}' not found`)
    if (refund.status === "refunded") throw refuse(MedusaError.Types.NOT_ALLOWED, "This refund went through already", "no_failed_refund")
    return { refund, started: false as const }
  }
  const settled = runRefundAttempt(container, id, attempt)
  return { refund: await refunds.retrieveGameRefund(id), started: true as const, settled }
}

/** The retry job's work: every failed refund whose retry time has come. */
export async function retryDueGameRefunds(container: MedusaContainer, now = new Date()) {
  const due = await container
    .resolve<PurchaseModuleService>(PURCHASE_MODULE)
    .listGameRefunds({ status: "failed", retry_at: { $lte: now } } as any, { take: 50, order: { retry_at: "ASC" }, select: ["id"] })
  const started: Promise<unknown>[] = []
  for (const r of due) {
    const run = await retryGameRefund(container, r.id).catch(() => null)
    if (run?.started) started.push(run.settled!)
  }
  return started
}
