import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { adminHeaders, befriend, createGame, type Player, seedForTests, sentTemplates, signUpWithHandle, storeHeaders } from "../helpers"
import { GIFT_MODULE } from "../../src/modules/gift"
import type GiftModuleService from "../../src/modules/gift/service"
import { LIBRARY_MODULE } from "../../src/modules/library"
import type LibraryModuleService from "../../src/modules/library/service"
import { POINTS_MODULE } from "../../src/modules/points"
import type PointsModuleService from "../../src/modules/points/service"
import { PURCHASE_MODULE } from "../../src/modules/purchase"
import type PurchaseModuleService from "../../src/modules/purchase/service"
import { armedTimes, armFault, disarmFaults, Fault } from "../../src/workflows/faults"
import { expireGifts } from "../../src/workflows/gift/answer"
import { deliverDueGifts } from "../../src/workflows/gift/deliver"
import { giftKeys } from "../../src/workflows/gift/keys"
import { purchaseWorkflowId } from "../../src/workflows/purchase/purchase"

jest.setTimeout(120 * 1000)

// The default, in-memory workflow engine, event bus and locks (as saga-faults.spec.ts).
delete process.env.REDIS_URL

const CARD = { method: "card", account: "4242424242424242" }
const INITIAL_POINTS = 1000
const USE_POINTS = 300
const DAY = 86400e3
const ENDED = ["done", "reverted", "failed"]
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const count = (list: string[], what: string) => list.filter((t) => t === what).length

/**
 * A fault case: `point` fails `times` times in a row with `fault`. Steps that are retried at once
 * (refund-gift, send-gift-mails, announce-gifts: 1 + 2 runs) absorb fewer than 3 failures; 3 is a
 * lasting failure. `end` is the state the gift must reach, `answer` whether the call that hit the
 * fault succeeded.
 */
type Case = { point: string; fault: Fault; times?: number; end: string; answer?: "ok" | "fails"; send_now?: boolean }
const LASTING = 3
/** A table of cases, each `times` 1 unless it says otherwise. */
const table = <C extends Case>(cases: C[]) => cases.map((c) => ({ ...c, times: c.times ?? 1 }))

/**
 * The gift sagas under faults (docs/ARCHITECTURE.md "Gifts"): an error and a timeout at the steps of
 * the purchase saga a gift runs, of the delivery, and of the answers (accept; decline, cancel,
 * expiry, already owned), each case ending with the gift in a consistent state and the money,
 * points and entitlement invariants: never two refunds for a gift, never an entitlement for a
 * refunded gift or to the sender, each gift delivered and announced once. Process deaths at these
 * steps are the crash test's (integration-tests/start/crash.spec.ts).
 */
medusaIntegrationTestRunner({
  inApp: true,
  testSuite: ({ api, getContainer }) => {
    let pk: string
    let gameId: string
    let keyNo = 0
    const key = () => ({ "idempotency-key": `gift-fault-${++keyNo}-${Date.now()}` })
    let playerNo = 0

    beforeAll(async () => {
      pk = (await seedForTests(getContainer(), 3)).publishable_key
      const admin = await adminHeaders(api)
      gameId = (
        await createGame(api, admin, { title: "Faulty Present", prices: [{ currency_code: "usd", amount: 19.99 }], service_countries: ["US"], release_in_days: -10 })
      ).id
    })
    afterEach(() => disarmFaults())

    const gifts = () => getContainer().resolve<GiftModuleService>(GIFT_MODULE)
    const purchases = () => getContainer().resolve<PurchaseModuleService>(PURCHASE_MODULE)
    const points = () => getContainer().resolve<PointsModuleService>(POINTS_MODULE)
    const library = () => getContainer().resolve<LibraryModuleService>(LIBRARY_MODULE)
    const knex = () => getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)

    const player = () => signUpWithHandle(api, pk, `gift-fault-${++playerNo}-${Date.now()}@example.com`)

    // The runner restores the database before each test: every test makes its own players.
    let sender: Player
    let recipient: Player
    beforeEach(async () => {
      ;[sender, recipient] = await Promise.all([player(), player()])
      await points().post({ customer_id: sender.customer.id, kind: "earn", points: INITIAL_POINTS, idempotency_key: `init:${sender.customer.id}` })
      await befriend(api, pk, sender, recipient)
    })

    const arm = (c: Case) => armFault(c.point, c.fault, c.times ?? 1)
    /** The response of a call, failed or not. */
    const call = (promise: Promise<any>) => promise.then((r) => r, (e) => e.response ?? { status: 0, data: e })

    const giftRow = (id: string) => gifts().retrieveGift(id)
    const until = async (id: string, done: (g: any) => boolean, ms = 30_000) => {
      const end = Date.now() + ms
      for (;;) {
        const g = await giftRow(id)
        if (done(g)) return g
        if (Date.now() > end) throw new Error(`gift ${id} stayed ${g.state}`)
        await sleep(100)
      }
    }
    const inState = (id: string, states: string[]) => until(id, (g) => states.includes(g.state))

    /** The sender gifts the game to the recipient with points and the card: now, or a day ahead. */
    const sendGift = async (sendNow: boolean) => {
      const body = { game_id: gameId, recipient_id: recipient.customer.id, points: USE_POINTS, payment: CARD, ...(sendNow ? {} : { deliver_at: new Date(Date.now() + DAY).toISOString() }) }
      const res = await api.post("/store/gifts", body, storeHeaders(pk, sender.token, key()))
      expect(res.status).toBe(202)
      return res.data.gift.id as string
    }
    /** A gift paid, delivered and announced (no fault armed yet). */
    const deliveredGift = async () => until(await sendGift(true), (g) => g.state === "delivered" && !!g.notified_at)
    const scheduledGift = async () => inState(await sendGift(false), ["scheduled"])

    /** Until the stored execution of a saga has ended; its state. */
    const sagaEnded = async (workflowId: string, transactionId: string) => {
      let state: string | undefined
      for (let i = 0; i < 600 && !ENDED.includes(state ?? ""); i++) {
        if (i) await sleep(50)
        const [row] = await knex()("workflow_execution").where({ workflow_id: workflowId, transaction_id: transactionId }).select("state")
        state = row?.state
      }
      await sleep(100)
      return state
    }

    /**
     * The deliver-gifts job runs every 10 s of the clock and passes claim-due-gifts and
     * announce-gifts even with nothing due: a point armed for a test must not be spent by it.
     */
    const quietMoment = async () => {
      const phase = Date.now() % 10_000
      if (phase > 7_500 || phase < 700) await sleep((10_700 - phase) % 10_000)
    }

    /** Medusa's captures and refunds of an order's payments. */
    const orderPayment = async (orderId: string) => {
      const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
      const { data: [order] } = await query.graph({
        entity: "order",
        fields: ["payment_collections.payments.captures.amount", "payment_collections.payments.refunds.amount"],
        filters: { id: orderId },
      })
      const payments = ((order as any)?.payment_collections ?? []).flatMap((c: any) => c.payments ?? [])
      const sum = (rows: any[]) => rows.reduce((s, r) => s + Number(r.amount), 0)
      return { captured: sum(payments.flatMap((p: any) => p.captures ?? [])), refunded: sum(payments.flatMap((p: any) => p.refunds ?? [])) }
    }
    /** Captures of a cart's payments, deleted payments too (a failed purchase has no order). */
    const cartCaptures = async (cartId: string) => {
      const db = knex()
      const collections = (await db("cart_payment_collection").where({ cart_id: cartId }).select("payment_collection_id")).map((r: any) => r.payment_collection_id)
      if (!collections.length) return 0
      const payments = (await db("payment").whereIn("payment_collection_id", collections).select("id")).map((p: any) => p.id)
      if (!payments.length) return 0
      return (await db("capture").whereIn("payment_id", payments).whereNull("deleted_at")).length
    }

    /**
     * The invariants of one gift, whatever happened on the way: the sender's points and the order's
     * money match the gift's state, at most one refund (exactly one once refunded), at most one
     * delivery, the game never in the sender's library, in the recipient's only when accepted.
     */
    const assertConsistent = async (id: string) => {
      const g = await giftRow(id)
      const purchase = await purchases().retrievePurchase(g.purchase_id!)
      const s = sender.customer.id
      const entries = await points().listPointsEntries({ customer_id: s })
      const balance = await points().getBalance(s)
      expect(balance).toBe(entries.reduce((sum, e) => sum + e.amount, 0))
      expect(await points().heldFor(s, purchase.cart_id)).toBe(0)
      const refunds = await purchases().listGameRefunds({ idempotency_key: giftKeys.refund(id) })
      expect(await library().listEntitlements({ customer_id: s, game_id: gameId })).toEqual([])
      const fromOrder = g.order_id ? await library().listEntitlements({ order_id: g.order_id, status: "active" }) : []
      // An undone answer moves the gift back to delivered too: a delivery is the move from scheduled.
      expect((await gifts().listGiftEvents({ gift_id: id, from_state: "scheduled", to_state: "delivered" })).length).toBe(g.delivered_at ? 1 : 0)
      if (g.delivered_at) expect(g.notified_at).not.toBeNull()
      const cash = Number(purchase.cash_amount)
      if (g.state === "failed") {
        expect([purchase.status, g.order_id, purchase.order_id]).toEqual(["failed", null, null])
        expect(await cartCaptures(purchase.cart_id)).toBe(0)
        expect(balance).toBe(INITIAL_POINTS)
        expect(refunds).toEqual([])
      } else if (g.state === "refunded") {
        expect(refunds).toHaveLength(1)
        expect(refunds[0]).toMatchObject({ status: "refunded", attempts: 1 })
        expect(g.refund_id).toBe(refunds[0].id)
        expect(await orderPayment(g.order_id!)).toEqual({ captured: cash, refunded: cash })
        expect(balance).toBe(INITIAL_POINTS)
        expect(fromOrder).toEqual([])
      } else {
        expect(["scheduled", "delivered", "accepted"]).toContain(g.state)
        expect(purchase.status).toBe("completed")
        expect(refunds).toEqual([])
        expect(await orderPayment(g.order_id!)).toEqual({ captured: cash, refunded: 0 })
        expect(balance).toBe(INITIAL_POINTS - USE_POINTS + purchase.points_earned)
        if (g.state === "accepted") expect(fromOrder.map((e) => e.customer_id)).toEqual([recipient.customer.id])
        else expect(fromOrder).toEqual([])
      }
      return g
    }

    const mails = async (p: Player) => sentTemplates(getContainer(), p.email)

    describe("the purchase saga of a gift", () => {
      const cases: Case[] = [
        // Before the pivot: everything undone, the gift failed.
        { point: "hold-points:before", fault: "error", end: "failed" },
        { point: "hold-points:before", fault: "timeout", end: "failed" },
        { point: "capture-order-payments:before", fault: "error", end: "failed" },
        { point: "capture-order-payments:before", fault: "timeout", end: "failed" },
        // The grant step (giftPaid) is past the pivot: retried by the engine every 2 s.
        { point: "grant-purchased-games:before", fault: "error", end: "scheduled" },
        { point: "grant-purchased-games:before", fault: "timeout", end: "delivered", send_now: true },
        { point: "grant-purchased-games:after", fault: "error", end: "delivered", send_now: true },
        // giftPaid delivers a "send now" gift itself: its announcement failing for good fails the
        // grant step, whose retry announces the gift it delivered.
        { point: "announce-gifts:before", fault: "error", times: LASTING, end: "delivered", send_now: true },
      ]
      it.each(table(cases))("$point $fault ×$times: the gift ends $end", async (c) => {
        if (c.point.startsWith("announce-gifts")) await quietMoment()
        arm(c)
        const id = await sendGift(!!c.send_now)
        const paid = await until(id, (g) => !!g.purchase_id)
        expect(await sagaEnded(purchaseWorkflowId, paid.purchase_id!)).toBe(c.end === "failed" ? "reverted" : "done")
        const g = await until(id, (g) => g.state === c.end && (c.end !== "delivered" || !!g.notified_at))
        expect(armedTimes(c.point)).toBe(0)
        await assertConsistent(id)
        const [toSender, toRecipient] = [await mails(sender), await mails(recipient)]
        expect(count(toSender, "gift-purchased")).toBe(c.end === "failed" ? 0 : 1)
        expect(count(toRecipient, "gift-received")).toBe(c.end === "delivered" ? 1 : 0)
        expect(count(toSender, "gift-delivered")).toBe(c.end === "delivered" ? 1 : 0)
        if (c.end === "failed") expect(g.failure_reason).toBeTruthy()
      })
    })

    describe("delivery", () => {
      const due = () => new Date(Date.now() + 10 * DAY)
      /** Scheduled gifts of the sender to the recipient, due at `at` (rows of their own: no payment). */
      const scheduledRows = async (n: number, at: Date) =>
        (
          await gifts().createGifts(
            Array.from({ length: n }, (_, i) => ({
              sender_id: sender.customer.id,
              recipient_id: recipient.customer.id,
              game_id: `game_fault_${i}`,
              game_title: `Fault ${i}`,
              idempotency_key: `fault-${i}-${Date.now()}`,
              request_hash: "x",
              state: "scheduled" as const,
              sender_country: "US",
              recipient_country: "US",
              currency_code: "usd",
              amount: 1,
              cash_amount: 1,
              deliver_at: new Date(at.getTime() + (i % 30) * 1000),
            }))
          )
        ).map((g: any) => g.id as string)

      /** Every gift delivered once (one event), announced once, one mail each side per gift. */
      const assertDeliveredOnce = async (ids: string[]) => {
        const rows = await gifts().listGifts({ id: ids }, { select: ["id", "state", "notified_at"] })
        expect(rows.filter((g) => g.state === "delivered" && g.notified_at)).toHaveLength(ids.length)
        const events = await gifts().listGiftEvents({ gift_id: ids, to_state: "delivered" })
        expect(events).toHaveLength(ids.length)
        expect(new Set(events.map((e) => e.gift_id)).size).toBe(ids.length)
        expect(count(await mails(recipient), "gift-received")).toBe(ids.length)
        expect(count(await mails(sender), "gift-delivered")).toBe(ids.length)
        expect(count(await sentTemplates(getContainer(), recipient.customer.id, "feed"), "gift-received")).toBe(ids.length)
      }

      const cases: (Case & { first: "delivers" | "fails" })[] = [
        // Nothing claimed: the run fails, the next one delivers.
        { point: "claim-due-gifts:before", fault: "error", end: "delivered", first: "fails" },
        { point: "claim-due-gifts:before", fault: "timeout", end: "delivered", first: "fails" },
        // Claimed, the answer lost: the failing run announces what is delivered and unannounced.
        { point: "claim-due-gifts:after", fault: "error", end: "delivered", first: "fails" },
        { point: "claim-due-gifts:after", fault: "timeout", end: "delivered", first: "fails" },
        // The announcement is retried at once; failing for good, the run announces them itself.
        { point: "announce-gifts:before", fault: "error", end: "delivered", first: "delivers" },
        { point: "announce-gifts:before", fault: "timeout", end: "delivered", first: "delivers" },
        { point: "announce-gifts:before", fault: "error", times: LASTING, end: "delivered", first: "fails" },
        { point: "announce-gifts:after", fault: "timeout", end: "delivered", first: "delivers" },
      ]
      it.each(table(cases))("$point $fault ×$times: the first run $first, the next delivers nothing twice", async (c) => {
        const at = due()
        const ids = await scheduledRows(2, at)
        const now = new Date(at.getTime() + 60_000)
        await quietMoment()
        arm(c)
        const first = await deliverDueGifts(getContainer(), now).then((n) => ({ n, error: null }), (error) => ({ n: 0, error }))
        expect(armedTimes(c.point)).toBe(0)
        expect(first.error ? "fails" : "delivers").toBe(c.first)
        if (!first.error) expect(first.n).toBe(2)
        const second = await deliverDueGifts(getContainer(), new Date(now.getTime() + 120_000))
        expect(second).toBe(c.point === "claim-due-gifts:before" ? 2 : 0)
        await assertDeliveredOnce(ids)
        expect(await deliverDueGifts(getContainer(), new Date(now.getTime() + 240_000))).toBe(0)
        await assertDeliveredOnce(ids)
      })

      it.each(
        table([
          { point: "announce-gifts:before", fault: "error", times: LASTING, end: "delivered" },
          { point: "claim-due-gifts:after", fault: "timeout", end: "delivered" },
        ] as Case[])
      )("two workers in parallel, $point $fault ×$times: each gift delivered and announced once", async (c) => {
        const at = due()
        const ids = await scheduledRows(30, at)
        const now = new Date(at.getTime() + 60_000)
        await quietMoment()
        arm(c)
        const runs = await Promise.allSettled([deliverDueGifts(getContainer(), now), deliverDueGifts(getContainer(), now)])
        expect(armedTimes(c.point)).toBe(0)
        const delivered = runs.reduce((s, r) => s + (r.status === "fulfilled" ? r.value : 0), 0)
        expect(delivered).toBeLessThanOrEqual(30)
        await deliverDueGifts(getContainer(), new Date(now.getTime() + 120_000))
        await assertDeliveredOnce(ids)
      })
    })

    describe("accept", () => {
      const cases: Case[] = [
        // Undone: still delivered, no entitlement; accepting again works.
        { point: "move-gift:before", fault: "error", end: "delivered" },
        { point: "move-gift:before", fault: "timeout", end: "delivered" },
        { point: "move-gift:after", fault: "error", end: "delivered" },
        { point: "grant-gift:before", fault: "error", end: "delivered" },
        { point: "grant-gift:before", fault: "timeout", end: "delivered" },
        { point: "grant-gift:after", fault: "error", end: "delivered" },
        // The mails are retried at once: the answer stands; failing for good, it is undone.
        { point: "send-gift-mails:before", fault: "error", end: "accepted" },
        { point: "send-gift-mails:after", fault: "error", end: "accepted" },
        { point: "send-gift-mails:before", fault: "timeout", times: LASTING, end: "delivered" },
      ]
      it.each(table(cases))("$point $fault ×$times: the gift is $end", async (c) => {
        const g = await deliveredGift()
        arm(c)
        const accept = () => call(api.post(`/store/gifts/${g.id}/accept`, {}, storeHeaders(pk, recipient.token)))
        const res = await accept()
        expect(armedTimes(c.point)).toBe(0)
        if (c.end === "accepted") {
          expect([res.status, res.data.gift?.state]).toEqual([200, "accepted"])
        } else {
          expect(res.status).toBeGreaterThanOrEqual(400)
          expect((await assertConsistent(g.id)).state).toBe("delivered")
          expect(await library().ownedGameIds(recipient.customer.id, [gameId])).toEqual(new Set())
          expect(count(await mails(sender), "gift-accepted")).toBe(0)
          const again = await accept()
          expect([again.status, again.data.gift?.state]).toEqual([200, "accepted"])
        }
        expect((await assertConsistent(g.id)).state).toBe("accepted")
        expect(await library().ownedGameIds(recipient.customer.id, [gameId])).toEqual(new Set([gameId]))
        expect(count(await mails(sender), "gift-accepted")).toBe(1)
      })
    })

    describe("decline", () => {
      const cases: Case[] = [
        // Before the refund is recorded: undone, still delivered; declining again refunds once.
        // (move-gift is the accept's first step too: its timeout is tested there.)
        { point: "move-gift:before", fault: "error", end: "delivered" },
        { point: "move-gift:after", fault: "error", end: "delivered" },
        { point: "refund-gift:before", fault: "timeout", times: LASTING, end: "delivered" },
        // The refund step is retried at once.
        { point: "refund-gift:before", fault: "error", end: "refunded", answer: "ok" },
        { point: "refund-gift:before", fault: "timeout", end: "refunded", answer: "ok" },
        { point: "refund-gift:after", fault: "error", end: "refunded", answer: "ok" },
        // Recorded, then failing for good: the close's later steps are given up, but a gift whose
        // refund is recorded stays closed, the answer is accepted and the refund goes through, once.
        { point: "refund-gift:after", fault: "error", times: LASTING, end: "refunded", answer: "ok" },
        { point: "send-gift-mails:after", fault: "timeout", end: "refunded", answer: "ok" },
      ]
      it.each(table(cases))("$point $fault ×$times: the gift is $end", async (c) => {
        const g = await deliveredGift()
        arm(c)
        const decline = () => call(api.post(`/store/gifts/${g.id}/decline`, {}, storeHeaders(pk, recipient.token)))
        const res = await decline()
        expect(armedTimes(c.point)).toBe(0)
        if (c.end === "delivered") {
          expect(res.status).toBeGreaterThanOrEqual(400)
          expect((await assertConsistent(g.id)).state).toBe("delivered")
          expect((await decline()).status).toBe(202)
        } else {
          expect(res.status === 202 ? "ok" : "fails").toBe(c.answer)
        }
        await inState(g.id, ["refunded"])
        const end = await assertConsistent(g.id)
        expect(end.refund_reason).toBe("declined")
        expect(await library().ownedGameIds(recipient.customer.id, [gameId])).toEqual(new Set())
        const [toSender, toRecipient] = [await mails(sender), await mails(recipient)]
        expect(count(toSender, "games-refunded")).toBe(1)
        // A close given up after its refund tells of the refund only.
        const told = c.point === "refund-gift:after" && c.times === LASTING ? 0 : 1
        expect([count(toSender, "gift-declined"), count(toRecipient, "gift-declined")]).toEqual([told, told])
        // Asked again, nothing more happens.
        expect((await decline()).status).toBe(409)
      })
    })

    describe("cancel (before delivery)", () => {
      const cases: Case[] = [
        { point: "move-gift:after", fault: "timeout", end: "scheduled" },
        { point: "refund-gift:before", fault: "error", times: LASTING, end: "scheduled" },
        { point: "refund-gift:after", fault: "timeout", end: "refunded" },
      ]
      it.each(table(cases))("$point $fault ×$times: the gift is $end", async (c) => {
        const g = await scheduledGift()
        arm(c)
        const cancel = () => call(api.post(`/store/gifts/${g.id}/cancel`, {}, storeHeaders(pk, sender.token)))
        const res = await cancel()
        expect(armedTimes(c.point)).toBe(0)
        if (c.end === "scheduled") {
          expect(res.status).toBeGreaterThanOrEqual(400)
          expect((await assertConsistent(g.id)).state).toBe("scheduled")
          expect((await cancel()).status).toBe(202)
        } else {
          expect(res.status).toBe(202)
        }
        await inState(g.id, ["refunded"])
        expect((await assertConsistent(g.id)).refund_reason).toBe("cancelled")
        // Never delivered after all.
        expect(await deliverDueGifts(getContainer(), new Date(Date.now() + 2 * DAY))).toBe(0)
        expect(count(await mails(recipient), "gift-received")).toBe(0)
        expect(count(await mails(sender), "gift-cancelled")).toBe(1)
      })
    })

    describe("accept of a game the recipient came to own: declined, refunded", () => {
      const cases: Case[] = [
        { point: "refund-gift:before", fault: "error", end: "refunded", answer: "ok" },
        { point: "refund-gift:before", fault: "timeout", times: LASTING, end: "refunded", answer: "fails" },
      ]
      it.each(table(cases))("$point $fault ×$times: the gift is $end", async (c) => {
        const g = await deliveredGift()
        const { data } = await api.post("/store/purchases", { game_ids: [gameId], payment: CARD }, storeHeaders(pk, recipient.token, key()))
        expect((await api.get(`/store/purchases/${data.purchase.id}?wait=15`, storeHeaders(pk, recipient.token))).data.purchase.status).toBe("completed")
        arm(c)
        const accept = () => call(api.post(`/store/gifts/${g.id}/accept`, {}, storeHeaders(pk, recipient.token)))
        const res = await accept()
        expect(armedTimes(c.point)).toBe(0)
        if (c.answer === "fails") {
          expect(res.status).toBeGreaterThanOrEqual(500)
          expect((await assertConsistent(g.id)).state).toBe("delivered")
          const again = await accept()
          expect([again.status, again.data.code]).toEqual([409, "already_owned"])
        } else {
          expect([res.status, res.data.code]).toEqual([409, "already_owned"])
        }
        await inState(g.id, ["refunded"])
        expect((await assertConsistent(g.id)).refund_reason).toBe("already_owned")
        // Their own copy only.
        const owned = await library().listEntitlements({ customer_id: recipient.customer.id, game_id: gameId, status: "active" })
        expect(owned.map((e) => e.order_id)).not.toContain(g.order_id)
        expect(owned).toHaveLength(1)
        expect(count(await mails(sender), "gift-refused")).toBe(1)
      })
    })

    describe("expiry", () => {
      const cases: Case[] = [
        { point: "move-gift:after", fault: "error", end: "refunded" },
        { point: "refund-gift:before", fault: "timeout", times: LASTING, end: "refunded" },
      ]
      it.each(table(cases))("$point $fault ×$times: the job's next run expires it, refunded once", async (c) => {
        const g = await deliveredGift()
        const later = new Date(Date.now() + 31 * DAY)
        arm(c)
        expect(await expireGifts(getContainer(), later)).toBe(0)
        expect(armedTimes(c.point)).toBe(0)
        expect((await assertConsistent(g.id)).state).toBe("delivered")
        expect(await expireGifts(getContainer(), later)).toBe(1)
        await inState(g.id, ["refunded"])
        expect((await assertConsistent(g.id)).refund_reason).toBe("expired")
        expect(await expireGifts(getContainer(), later)).toBe(0)
        expect(count(await mails(recipient), "gift-expired")).toBe(1)
      })
    })
  },
})
