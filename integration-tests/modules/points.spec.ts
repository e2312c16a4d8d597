import path from "path"
import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import { POINTS_MODULE } from "../../src/modules/points"
import type PointsModuleService from "../../src/modules/points/service"

jest.setTimeout(60 * 1000)

moduleIntegrationTestRunner<PointsModuleService>({
  moduleName: POINTS_MODULE,
  resolve: "./src/modules/points",
  pathToMigrations: path.join(__dirname, "../../src/modules/points/migrations"),
  testSuite: ({ service, MikroOrmWrapper }) => {
    const sumOfEntries = async (customer_id: string) => {
      const entries = await service.listPointsEntries({ customer_id })
      return entries.reduce((s, e) => s + e.amount, 0)
    }

    it("keeps the balance equal to the sum of the ledger", async () => {
      await service.post({ customer_id: "cus_a", kind: "earn", points: 500, idempotency_key: "k1" })
      await service.post({ customer_id: "cus_a", kind: "hold", points: 200, idempotency_key: "k2", reference_id: "saga_1" })
      await service.post({ customer_id: "cus_a", kind: "release", points: 200, idempotency_key: "k3", reference_id: "saga_1" })
      await service.post({ customer_id: "cus_a", kind: "clawback", points: 100, idempotency_key: "k4" })
      await service.post({ customer_id: "cus_a", kind: "adjust", points: -50, idempotency_key: "k5", reason: "support" })
      expect(await service.getBalance("cus_a")).toBe(350)
      expect(await sumOfEntries("cus_a")).toBe(350)
      expect(await service.heldFor("cus_a", "saga_1")).toBe(0)
    })

    it("has no second effect for a repeated idempotency key, and refuses its reuse for something else", async () => {
      const first = await service.post({ customer_id: "cus_b", kind: "earn", points: 100, idempotency_key: "same" })
      const again = await service.post({ customer_id: "cus_b", kind: "earn", points: 100, idempotency_key: "same" })
      expect(again).toMatchObject({ replayed: true, balance: 100 })
      expect(again.entry.id).toBe(first.entry.id)
      await expect(
        service.post({ customer_id: "cus_b", kind: "earn", points: 999, idempotency_key: "same" })
      ).rejects.toThrow(/used for another points operation/)
      expect(await service.getBalance("cus_b")).toBe(100)
    })

    it("never lets the balance go negative and writes nothing on refusal", async () => {
      await service.post({ customer_id: "cus_c", kind: "earn", points: 100, idempotency_key: "c1" })
      await expect(
        service.post({ customer_id: "cus_c", kind: "hold", points: 101, idempotency_key: "c2" })
      ).rejects.toMatchObject({ code: "insufficient_points" })
      await expect(
        service.post({ customer_id: "cus_new", kind: "spend", points: 1, idempotency_key: "c3" })
      ).rejects.toMatchObject({ code: "insufficient_points" })
      expect(await service.getBalance("cus_c")).toBe(100)
      expect(await service.listPointsEntries({ customer_id: "cus_c" })).toHaveLength(1)
      expect(await service.listPointsEntries({ idempotency_key: "c3" })).toHaveLength(0)
    })

    it("lets only as many concurrent spends through as the balance covers", async () => {
      await service.post({ customer_id: "cus_d", kind: "earn", points: 1000, idempotency_key: "d0" })
      const results = await Promise.allSettled(
        Array.from({ length: 10 }, (_, i) =>
          service.post({ customer_id: "cus_d", kind: "hold", points: 300, idempotency_key: `d${i + 1}` })
        )
      )
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(3)
      expect(await service.getBalance("cus_d")).toBe(100)
      expect(await sumOfEntries("cus_d")).toBe(100)
    })

    it("applies 20 concurrent posts of one key exactly once", async () => {
      await Promise.allSettled(
        Array.from({ length: 20 }, () =>
          service.post({ customer_id: "cus_e", kind: "earn", points: 70, idempotency_key: "e-once" })
        )
      )
      expect(await service.getBalance("cus_e")).toBe(70)
      expect(await service.listPointsEntries({ customer_id: "cus_e" })).toHaveLength(1)
    })

    it("refuses zero, fractional and negative points", async () => {
      for (const points of [0, 1.5, -5]) {
        await expect(
          service.post({ customer_id: "cus_f", kind: "earn", points, idempotency_key: `f${points}` })
        ).rejects.toThrow(/positive whole number/)
      }
    })

    it("is append-only and overdraw-proof in the database itself", async () => {
      await service.post({ customer_id: "cus_g", kind: "earn", points: 10, idempotency_key: "g1" })
      const knex = MikroOrmWrapper.getManager().getKnex()
      await expect(knex("points_entry").update({ amount: 1000 }).where({ customer_id: "cus_g" })).rejects.toThrow(/append-only/)
      await expect(knex("points_entry").delete().where({ customer_id: "cus_g" })).rejects.toThrow(/append-only/)
      await expect(knex("points_account").update({ balance: -1 }).where({ customer_id: "cus_g" })).rejects.toThrow(/balance_not_negative/)
      expect(await service.getBalance("cus_g")).toBe(10)
    })

    it("has a 5% default earn rate that a region can override", async () => {
      expect(await service.getEarnRate("reg_x")).toBe(0.05)
      await service.setEarnRate("reg_x", 0.1)
      await service.setEarnRate("reg_x", 0.08)
      expect(await service.getEarnRate("reg_x")).toBe(0.08)
    })
  },
})
