import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { adminHeaders, createGame, seedForTests, sentTemplates, signUpPlayer, storeHeaders } from "../helpers"
import { POINTS_MODULE } from "../../src/modules/points"
import type PointsModuleService from "../../src/modules/points/service"
import { pointsEarned } from "../../src/modules/points/values"
import { PURCHASE_MODULE } from "../../src/modules/purchase"
import type PurchaseModuleService from "../../src/modules/purchase/service"
import { LIBRARY_MODULE } from "../../src/modules/library"
import type LibraryModuleService from "../../src/modules/library/service"
import { armedTimes, armFault, disarmFaults, Fault } from "../../src/workflows/faults"
import { purchaseWorkflowId } from "../../src/workflows/purchase/purchase"
import { refundGamesWorkflowId } from "../../src/workflows/game-refund/refund-games"
import { refundTransactionId, requestRefund, retryGameRefund } from "../../src/workflows/game-refund/request-refund"

/**
 * Purchase saga (src/workflows/purchase/purchase.ts) before its pivot: our hook inside Medusa's
 * completeCartWorkflow (holds the points), then our steps up to the capture. The pivot is
 * capture-order-payments: pp_sandbox_sandbox only authorizes a card, the capture is this step's.
 */
const PRE_PIVOT = ["hold-points", "load-placed-order", "capture-order-payments"]
/** After the pivot, each `{ maxRetries: 3, skipOnPermanentFailure: true }` (AFTER_PIVOT). */
const POST_PIVOT = ["accrue-purchase-points", "grant-purchased-games", "send-mail"]
/** Refund saga (src/workflows/game-refund/refund-games.ts); refund-game-payment is the pivot. */
const REFUND_PRE_PIVOT = ["open-game-refund", "restore-spent-points", "plan-refund-cash", "refund-game-payment"]
const REFUND_POST_PIVOT = ["clawback-refund-points", "finish-game-refund", "send-mail"]
/** One attempt and AFTER_PIVOT's three retries. */
const RUNS_PER_STEP = 4

const INITIAL_POINTS = 1000
const USE_POINTS = 300
const CARD = { method: "card", account: "4242424242424242" }
const ENDED = ["done", "reverted", "failed"]

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/**
 * The fault matrix of the purchase saga and the refund saga: an error and a timeout at every step,
 * each case ending with the money/points/entitlement invariants of docs/ARCHITECTURE.md. Run once
 * per workflow engine (saga-faults.spec.ts in memory, saga-faults-redis.spec.ts on Redis).
 *
 * Process deaths are the crash test's (integration-tests/http/saga-crash.spec.ts): a real server
 * killed with SIGKILL at a step, restarted, and the recovery job driving the saga on.
 */
export function sagaFaultSuite() {
  medusaIntegrationTestRunner({
    inApp: true,
    testSuite: ({ api, getContainer }) => {
      let pk: string
      let gameId: string

      beforeAll(async () => {
        pk = (await seedForTests(getContainer(), 3)).publishable_key
        gameId = (
          await createGame(api, await adminHeaders(api), {
            title: "Fault Line",
            prices: [{ currency_code: "usd", amount: 40 }],
            service_countries: ["US"],
            release_in_days: 20,
            preorder_enabled: true,
          })
        ).id
      })
      afterEach(() => disarmFaults())

      const knex = () => getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
      const purchases = () => getContainer().resolve<PurchaseModuleService>(PURCHASE_MODULE)
      const points = () => getContainer().resolve<PointsModuleService>(POINTS_MODULE)
      const library = () => getContainer().resolve<LibraryModuleService>(LIBRARY_MODULE)

      /** A new player with INITIAL_POINTS buys the game with USE_POINTS and the card; the saga runs on. */
      const start = async () => {
        const email = `f-${Math.random().toString(36).slice(2)}@example.com`
        const { customer, token } = await signUpPlayer(api, pk, email, "US")
        await points().post({ customer_id: customer.id, kind: "earn", points: INITIAL_POINTS, idempotency_key: `init:${customer.id}` })
        const { status, data } = await api.post(
          "/store/purchases",
          { game_ids: [gameId], points: USE_POINTS, payment: CARD },
          storeHeaders(pk, token, { "idempotency-key": `fault-${customer.id}` })
        )
        expect([status, data.purchase.status]).toEqual([202, "pending"])
        return { customer, token, id: data.purchase.id as string }
      }

      /** Until the stored execution of a saga has ended; its state (done, reverted or failed). */
      const sagaEnded = async (workflowId: string, transactionId: string) => {
        let state: string | undefined
        for (let i = 0; i < 800 && !ENDED.includes(state ?? ""); i++) {
          if (i) await sleep(50)
          const [row] = await knex()("workflow_execution").where({ workflow_id: workflowId, transaction_id: transactionId }).select("state")
          state = row?.state
        }
        // The run's own settlement (settlePurchaseRun) writes right after the run's promise resolves.
        await sleep(150)
        return state
      }

      /** The player's long poll until the purchase settles, then the end of its saga. */
      const settle = async (token: string, id: string) => {
        await api.get(`/store/purchases/${id}?wait=15`, storeHeaders(pk, token))
        return sagaEnded(purchaseWorkflowId, id)
      }

      const completedPurchase = async () => {
        const { customer, token, id } = await start()
        expect(await settle(token, id)).toBe("done")
        const record = await purchases().retrievePurchase(id)
        expect(record.status).toBe("completed")
        return { customer, id, order_id: record.order_id! }
      }

      /** One attempt of a refund of the whole order, run to its end (requestRefund's `settled`). */
      const refundOrder = async (customerId: string, orderId: string) => {
        const run = await requestRefund(getContainer(), { customer_id: customerId, order_id: orderId })
        if (!("settled" in run) || !run.settled) throw new Error("the refund did not start")
        await run.settled
        return purchases().retrieveGameRefund(run.refund.id)
      }

      /** Money Medusa and the sandbox gateway hold for one cart (deleted payments and sessions too). */
      const moneyOf = async (cartId: string) => {
        const db = knex()
        const collections = (await db("cart_payment_collection").where({ cart_id: cartId }).select("payment_collection_id")).map(
          (r: any) => r.payment_collection_id
        )
        const payments = collections.length ? await db("payment").whereIn("payment_collection_id", collections) : []
        const sessions = collections.length ? await db("payment_session").whereIn("payment_collection_id", collections) : []
        const paymentIds = payments.map((p: any) => p.id)
        const captures = paymentIds.length ? await db("capture").whereIn("payment_id", paymentIds).whereNull("deleted_at") : []
        const refunds = paymentIds.length ? await db("refund").whereIn("payment_id", paymentIds).whereNull("deleted_at") : []
        // The provider's charges, found through the payments' and the sessions' data.charge_id.
        const chargeIds = [...new Set([...payments, ...sessions].map((p: any) => p.data?.charge_id).filter(Boolean))]
        const charges = chargeIds.length ? await db("sandbox_gateway_charge").whereIn("id", chargeIds) : []
        const sum = (rows: any[], field: string) => rows.reduce((s, r) => s + Number(r[field]), 0)
        return {
          captures: captures.length,
          refunds: refunds.length,
          medusaCaptured: sum(captures, "amount"),
          medusaRefunded: sum(refunds, "amount"),
          gatewayCaptured: sum(charges, "captured"),
          gatewayRefunded: sum(charges, "refunded"),
        }
      }

      /** Every order Medusa holds for the player (one cart each); an undone order is deleted. */
      const ordersOf = (customerId: string) => knex()("order").where({ customer_id: customerId }).select("id", "status", "deleted_at")
      const orderCartLinks = (cartId: string) => knex()("order_cart").where({ cart_id: cartId }).whereNull("deleted_at").select("order_id")
      const owned = (customerId: string) => library().listEntitlements({ customer_id: customerId, status: "active" })
      const balanceOf = (customerId: string) => points().getBalance(customerId)

      /** The invariants (docs/ARCHITECTURE.md) for one player's purchase, whatever happened on the way. */
      const assertInvariants = async (customerId: string, purchaseId: string) => {
        const record = await purchases().retrievePurchase(purchaseId)
        expect(["completed", "failed", "refunded"]).toContain(record.status)
        const entries = await points().listPointsEntries({ customer_id: customerId })
        const balance = await balanceOf(customerId)
        expect(balance).toBe(entries.reduce((s, e) => s + e.amount, 0))
        expect(balance).toBeGreaterThanOrEqual(0)
        expect(await points().heldFor(customerId, record.cart_id)).toBe(0)
        const entitlements = await owned(customerId)
        const money = await moneyOf(record.cart_id)
        const cash = Number(record.cash_amount)
        const orders = await ordersOf(customerId)
        const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
        const order = record.order_id
          ? ((await query.graph({ entity: "order", fields: ["status", "transactions.reference"], filters: { id: record.order_id } })).data[0] as any)
          : null

        if (record.status === "completed") {
          expect(order?.status).toBe("completed")
          expect(entitlements).toHaveLength(1)
          expect(money.captures).toBe(1)
          expect(money.medusaCaptured).toBe(cash)
          expect(money.gatewayCaptured).toBe(cash)
          expect([money.gatewayRefunded, money.medusaRefunded]).toEqual([0, 0])
          expect(balance).toBe(INITIAL_POINTS - USE_POINTS + record.points_earned)
        } else if (record.status === "refunded") {
          const [refund] = await purchases().listGameRefunds({ order_id: record.order_id! })
          expect(refund.status).toBe("refunded")
          expect(Number(refund.amount)).toBe(cash)
          expect(money.gatewayRefunded).toBe(cash)
          expect(money.medusaRefunded).toBe(cash)
          expect((order?.transactions ?? []).map((t: any) => t.reference)).toContain("refund")
          expect(entitlements).toHaveLength(0)
          expect(balance).toBe(INITIAL_POINTS)
        } else {
          expect(record.order_id).toBeNull()
          // Medusa's compensation deletes the order it created outright (createOrdersStep → deleteOrders).
          expect(orders).toEqual([])
          expect(entitlements).toHaveLength(0)
          expect(money.captures).toBe(0)
          expect(money.gatewayCaptured).toBe(0)
          expect(balance).toBe(INITIAL_POINTS)
        }
        return record
      }

      describe.each(["error", "timeout"] as Fault[])("a %s in a purchase step", (fault) => {
        it.each(PRE_PIVOT)("before the pivot (%s): the saga compensates everything", async (step) => {
          armFault(`${step}:before`, fault)
          const { customer, token, id } = await start()
          const state = await settle(token, id)
          expect(armedTimes(`${step}:before`)).toBe(0)
          const record = await assertInvariants(customer.id, id)
          expect(record.status).toBe("failed")
          // A capture that does not go through is a failed payment, whatever stopped it.
          expect(record.failure_reason).toBe(step === "capture-order-payments" ? "payment_failed" : fault === "timeout" ? "timeout" : "injected_failure")
          expect(await sentTemplates(getContainer(), customer.email)).toContain("purchase-failed")
          // Every undo ends with the stored execution reverted and the cart free of its order: the
          // place-order step's compensation cancels Medusa's stored completeCart execution and
          // dismisses the order↔cart link Medusa 2.21 fails to (src/workflows/purchase/steps/place-order.ts).
          expect(state).toBe("reverted")
          expect(await orderCartLinks(record.cart_id)).toHaveLength(0)
        })

        it.each(POST_PIVOT)("after the pivot (%s): the step is retried and the saga completes", async (step) => {
          armFault(`${step}:before`, fault, 2)
          const { customer, token, id } = await start()
          expect(await settle(token, id)).toBe("done")
          expect(armedTimes(`${step}:before`)).toBe(0)
          expect((await assertInvariants(customer.id, id)).status).toBe("completed")
          expect(await sentTemplates(getContainer(), customer.email)).toContain("purchase-confirmed")
        })
      })

      describe("an error after a purchase step's effect, before the pivot", () => {
        it("load-placed-order:after: the saga compensates everything", async () => {
          armFault("load-placed-order:after", "error")
          const { customer, token, id } = await start()
          expect(await settle(token, id)).toBe("reverted")
          expect((await assertInvariants(customer.id, id)).status).toBe("failed")
        })

        it("sandbox-authorize:after is never reached: pp_sandbox_sandbox only authorizes, capture-order-payments captures", async () => {
          armFault("sandbox-authorize:after", "error")
          const { customer, token, id } = await start()
          expect(await settle(token, id)).toBe("done")
          expect(armedTimes("sandbox-authorize:after")).toBe(1)
          expect((await assertInvariants(customer.id, id)).status).toBe("completed")
        })

        it("hold-points:after: the points the failing hook held are released with the rest", async () => {
          // Medusa compensates finished steps only; the saga's first step releases what is still held.
          armFault("hold-points:after", "error")
          const { customer, token, id } = await start()
          await settle(token, id)
          expect((await assertInvariants(customer.id, id)).status).toBe("failed")
        })

        it("capture-order-payments:after: a capture whose answer was lost is past the pivot, and the purchase completes", async () => {
          armFault("capture-order-payments:after", "error")
          const { customer, token, id } = await start()
          expect(await settle(token, id)).toBe("done")
          expect((await assertInvariants(customer.id, id)).status).toBe("completed")
        })
      })

      describe("a lasting failure after the pivot", () => {
        // The engine retries a step past the pivot every 2 s (for a day), never undoing it.
        it.each(["accrue-purchase-points", "grant-purchased-games"])(
          "(%s): pending while the step keeps failing, never undone, completed once it works",
          async (step) => {
            armFault(`${step}:before`, "error", RUNS_PER_STEP)
            const { customer, id } = await start()
            await sleep(3000)
            expect((await purchases().retrievePurchase(id)).status).toBe("pending")
            expect(await sagaEnded(purchaseWorkflowId, id)).toBe("done")
            expect(armedTimes(`${step}:before`)).toBe(0)
            expect((await assertInvariants(customer.id, id)).status).toBe("completed")
            expect(await sentTemplates(getContainer(), customer.email)).toContain("purchase-confirmed")
          }
        )

        it("(send-mail): the purchase completes, and its mail goes once the step works", async () => {
          armFault("send-mail:before", "error", RUNS_PER_STEP)
          const { customer, id } = await start()
          expect(await sagaEnded(purchaseWorkflowId, id)).toBe("done")
          expect(armedTimes("send-mail:before")).toBe(0)
          expect((await assertInvariants(customer.id, id)).status).toBe("completed")
          expect(await sentTemplates(getContainer(), customer.email)).toContain("purchase-confirmed")
        })
      })

      /** The points a refund's attempts posted (restored, reversed, clawed back). */
      const refundPoints = async (customerId: string, refundId: string) =>
        (await points().listPointsEntries({ customer_id: customerId, reference_id: refundId }, { order: { created_at: "ASC" } })).map(
          (e) => [e.kind, e.amount]
        )

      /** A failed attempt: nothing changed for the player but a refund-failed mail and a retry time. */
      const assertFailedAttempt = async (customerId: string, email: string, purchaseId: string, refund: any, balanceBefore: number, reason: string) => {
        expect(refund).toMatchObject({ status: "failed", failure_reason: reason, attempts: 1 })
        expect(new Date(refund.retry_at).getTime()).toBeGreaterThan(Date.now())
        expect(await balanceOf(customerId)).toBe(balanceBefore)
        expect((await refundPoints(customerId, refund.id)).reduce((s, [, amount]) => s + Number(amount), 0)).toBe(0)
        expect(await owned(customerId)).toHaveLength(1)
        expect((await assertInvariants(customerId, purchaseId)).status).toBe("completed")
        expect(await sentTemplates(getContainer(), email)).toContain("refund-failed")
      }

      describe.each(["error", "timeout"] as Fault[])("a %s in a refund step", (fault) => {
        it.each(REFUND_PRE_PIVOT)("before the pivot (%s): everything is put back, the player told, a retry scheduled", async (step) => {
          const { customer, id, order_id } = await completedPurchase()
          const before = await balanceOf(customer.id)
          armFault(`${step}:before`, fault)
          const refund = await refundOrder(customer.id, order_id)
          expect(armedTimes(`${step}:before`)).toBe(0)
          expect(await sagaEnded(refundGamesWorkflowId, refundTransactionId(refund.id, 1))).toBe("reverted")
          await assertFailedAttempt(customer.id, customer.email, id, refund, before, fault === "timeout" ? "timeout" : "injected_failure")
          // Restored, then spent again by the compensation, when the attempt got that far.
          const restored = ["plan-refund-cash", "refund-game-payment"].includes(step)
          expect(await refundPoints(customer.id, refund.id)).toEqual(restored ? [["release", USE_POINTS], ["spend", -USE_POINTS]] : [])
        })

        it.each(REFUND_POST_PIVOT)("after the pivot (%s): the step is retried and the refund completes", async (step) => {
          const { customer, id, order_id } = await completedPurchase()
          armFault(`${step}:before`, fault, 2)
          const refund = await refundOrder(customer.id, order_id)
          // The engine retries the step (every 2 s) until it works.
          expect(await sagaEnded(refundGamesWorkflowId, refundTransactionId(refund.id, 1))).toBe("done")
          expect(armedTimes(`${step}:before`)).toBe(0)
          expect(await purchases().retrieveGameRefund(refund.id)).toMatchObject({ status: "refunded", attempts: 1 })
          expect((await assertInvariants(customer.id, id)).status).toBe("refunded")
          expect(await sentTemplates(getContainer(), customer.email)).toContain("games-refunded")
        })
      })

      describe("an error after a refund step's effect, before the pivot", () => {
        it.each(["open-game-refund", "plan-refund-cash"])("%s:after: everything is put back, a retry scheduled", async (step) => {
          const { customer, id, order_id } = await completedPurchase()
          const before = await balanceOf(customer.id)
          armFault(`${step}:after`, "error")
          const refund = await refundOrder(customer.id, order_id)
          await assertFailedAttempt(customer.id, customer.email, id, refund, before, "injected_failure")
        })

        it("restore-spent-points:after: the points the failing step restored are spent again", async () => {
          // Medusa compensates finished steps only; the refund's first step takes them back.
          const { customer, id, order_id } = await completedPurchase()
          const before = await balanceOf(customer.id)
          armFault("restore-spent-points:after", "error")
          const refund = await refundOrder(customer.id, order_id)
          await assertFailedAttempt(customer.id, customer.email, id, refund, before, "injected_failure")
          expect(await refundPoints(customer.id, refund.id)).toEqual([["release", USE_POINTS], ["spend", -USE_POINTS]])
        })

        it("refund-game-payment:after: a refund whose answer was lost is past the pivot, and the refund completes at once", async () => {
          const { customer, id, order_id } = await completedPurchase()
          armFault("refund-game-payment:after", "error")
          const refund = await refundOrder(customer.id, order_id)
          expect(await sagaEnded(refundGamesWorkflowId, refundTransactionId(refund.id, 1))).toBe("done")
          expect(await purchases().retrieveGameRefund(refund.id)).toMatchObject({ status: "refunded", attempts: 1, payment_refund_id: expect.stringMatching(/^ref/) })
          expect((await assertInvariants(customer.id, id)).status).toBe("refunded")
          const record = await purchases().retrievePurchase(id)
          expect((await moneyOf(record.cart_id)).refunds).toBe(1)
          expect(await sentTemplates(getContainer(), customer.email)).not.toContain("refund-failed")
        })
      })

      describe("a lasting failure after the refund's pivot", () => {
        it.each(["clawback-refund-points", "finish-game-refund"])(
          "(%s): retried by the engine, never undone, refunded once the step works",
          async (step) => {
            const { customer, id, order_id } = await completedPurchase()
            armFault(`${step}:before`, "error", RUNS_PER_STEP)
            const refund = await refundOrder(customer.id, order_id)
            expect(await sagaEnded(refundGamesWorkflowId, refundTransactionId(refund.id, 1))).toBe("done")
            expect(armedTimes(`${step}:before`)).toBe(0)
            expect(await purchases().retrieveGameRefund(refund.id)).toMatchObject({ status: "refunded", attempts: 1 })
            expect((await assertInvariants(customer.id, id)).status).toBe("refunded")
            const record = await purchases().retrievePurchase(id)
            expect((await moneyOf(record.cart_id)).refunds).toBe(1)
            expect(await sentTemplates(getContainer(), customer.email)).not.toContain("refund-failed")
          }
        )

        it("(send-mail): the refund goes through, and its mail goes once the step works", async () => {
          const { customer, id, order_id } = await completedPurchase()
          armFault("send-mail:before", "error", RUNS_PER_STEP)
          const refund = await refundOrder(customer.id, order_id)
          expect(await sagaEnded(refundGamesWorkflowId, refundTransactionId(refund.id, 1))).toBe("done")
          expect(await purchases().retrieveGameRefund(refund.id)).toMatchObject({ status: "refunded", failure_reason: null })
          expect((await assertInvariants(customer.id, id)).status).toBe("refunded")
          const mails = await sentTemplates(getContainer(), customer.email)
          expect(mails).toContain("games-refunded")
          expect(mails).not.toContain("refund-failed")
        })
      })
    },
  })
}
