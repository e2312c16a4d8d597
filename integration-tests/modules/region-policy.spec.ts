import path from "path"
import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import { REGION_POLICY_MODULE } from "../../src/modules/region-policy"
import type RegionPolicyModuleService from "../../src/modules/region-policy/service"

jest.setTimeout(60 * 1000)

moduleIntegrationTestRunner<RegionPolicyModuleService>({
  moduleName: REGION_POLICY_MODULE,
  resolve: "./src/modules/region-policy",
  // The migrations, not the models: the residence rule's tables and indexes as deployed.
  pathToMigrations: path.join(__dirname, "../../src/modules/region-policy/migrations"),
  testSuite: ({ service, MikroOrmWrapper }) => {
    const DAY = 86400e3
    /** Moves a player's logged changes `days` into the past, as if they were made then. */
    const age = (customer_id: string, days: number) =>
      MikroOrmWrapper.getManager()
        .getKnex()("residence_change")
        .where({ customer_id })
        .update({ created_at: MikroOrmWrapper.getManager().getKnex().raw(`created_at - make_interval(days => ?)`, [days]) })

    it("sets a residence at sign-up and logs it", async () => {
      await service.setResidence({ customer_id: "cus_1", country_code: "kr", source: "signup", expect_none: true })
      expect(await service.getResidenceCountry("cus_1")).toBe("KR")
      const log = await service.listResidenceChanges({ customer_id: "cus_1" })
      expect(log).toEqual([expect.objectContaining({ from_country: null, to_country: "KR", source: "signup" })])
    })

    it("refuses a second sign-up residence and keeps the first", async () => {
      await service.setResidence({ customer_id: "cus_2", country_code: "JP", source: "signup", expect_none: true })
      await expect(
        service.setResidence({ customer_id: "cus_2", country_code: "US", source: "signup", expect_none: true })
      ).rejects.toThrow(/already set/)
      expect(await service.getResidenceCountry("cus_2")).toBe("JP")
      expect(await service.listResidenceChanges({ customer_id: "cus_2" })).toHaveLength(1)
    })

    it("logs each change and ignores a change to the same country", async () => {
      await service.setResidence({ customer_id: "cus_3", country_code: "DE", source: "signup" })
      await service.setResidence({ customer_id: "cus_3", country_code: "FR", source: "customer", reason: "moved" })
      const same = await service.setResidence({ customer_id: "cus_3", country_code: "FR", source: "customer" })
      expect(same.change).toBeNull()
      const log = await service.listResidenceChanges({ customer_id: "cus_3" }, { order: { created_at: "ASC" } })
      expect(log.map((c) => [c.from_country, c.to_country])).toEqual([[null, "DE"], ["DE", "FR"]])
    })

    it("rejects an unknown country and writes nothing", async () => {
      await expect(service.setResidence({ customer_id: "cus_4", country_code: "XX", source: "signup" })).rejects.toThrow(/Unknown country/)
      expect(await service.getResidenceCountry("cus_4")).toBeNull()
      expect(await service.listResidenceChanges({ customer_id: "cus_4" })).toHaveLength(0)
    })

    it("keeps one residence per customer when two first sets race", async () => {
      const results = await Promise.allSettled([
        service.setResidence({ customer_id: "cus_5", country_code: "KR", source: "signup", expect_none: true }),
        service.setResidence({ customer_id: "cus_5", country_code: "JP", source: "signup", expect_none: true }),
      ])
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1)
      expect(await service.listCustomerResidences({ customer_id: "cus_5" })).toHaveLength(1)
      expect(await service.listResidenceChanges({ customer_id: "cus_5" })).toHaveLength(1)
    })

    describe("residence rule", () => {
      const tooSoon = expect.objectContaining({ code: "residence_change_too_soon" })

      it("allows one change, then refuses the next for 90 days with the date it becomes possible", async () => {
        await service.setResidence({ customer_id: "cus_r1", country_code: "KR", source: "signup", expect_none: true })
        const { change } = await service.setResidence({ customer_id: "cus_r1", country_code: "US", source: "customer" })
        const error: any = await service
          .setResidence({ customer_id: "cus_r1", country_code: "KR", source: "customer" })
          .catch((e) => e)
        expect(error).toEqual(tooSoon)
        expect(error.message).toMatch(/once every 90 days/)
        const [logged] = await service.listResidenceChanges({ id: change!.id })
        const expected = new Date(logged.created_at).getTime() + 90 * DAY
        expect(Math.abs(new Date(error.next_change_at).getTime() - expected)).toBeLessThan(1000)
        expect(await service.getResidenceCountry("cus_r1")).toBe("US")
        expect(await service.listResidenceChanges({ customer_id: "cus_r1" })).toHaveLength(2)
        const status = await service.residenceStatus("cus_r1")
        expect(status).toMatchObject({ country_code: "US", change_allowed: false, change_days: 90 })
        expect(status.next_change_at!.toISOString()).toBe(error.next_change_at)
        // The same country again is no change, and not refused.
        expect((await service.setResidence({ customer_id: "cus_r1", country_code: "US", source: "customer" })).change).toBeNull()
      })

      it("does not count the first residence, from sign-up or from a first purchase", async () => {
        await service.setResidence({ customer_id: "cus_r2", country_code: "DE", source: "first_purchase", expect_none: true })
        expect((await service.residenceStatus("cus_r2")).change_allowed).toBe(true)
        await service.setResidence({ customer_id: "cus_r2", country_code: "FR", source: "customer" })
        await expect(service.setResidence({ customer_id: "cus_r2", country_code: "DE", source: "customer" })).rejects.toEqual(tooSoon)
      })

      it("allows the next change once the window has passed", async () => {
        await service.setResidence({ customer_id: "cus_r3", country_code: "KR", source: "signup", expect_none: true })
        await service.setResidence({ customer_id: "cus_r3", country_code: "US", source: "customer" })
        await age("cus_r3", 89)
        await expect(service.setResidence({ customer_id: "cus_r3", country_code: "KR", source: "customer" })).rejects.toEqual(tooSoon)
        await age("cus_r3", 2)
        await service.setResidence({ customer_id: "cus_r3", country_code: "KR", source: "customer" })
        expect(await service.getResidenceCountry("cus_r3")).toBe("KR")
      })

      it("lets exactly one of two parallel changes through", async () => {
        await service.setResidence({ customer_id: "cus_r4", country_code: "KR", source: "signup", expect_none: true })
        const results = await Promise.allSettled([
          service.setResidence({ customer_id: "cus_r4", country_code: "US", source: "customer" }),
          service.setResidence({ customer_id: "cus_r4", country_code: "JP", source: "customer" }),
        ])
        expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1)
        expect((results.find((r) => r.status === "rejected") as PromiseRejectedResult).reason).toEqual(tooSoon)
        expect(await service.listResidenceChanges({ customer_id: "cus_r4" })).toHaveLength(2)
      })

      it("takes a staff lift for one change, logged with the staff user", async () => {
        await service.setResidence({ customer_id: "cus_r5", country_code: "KR", source: "signup", expect_none: true })
        await service.setResidence({ customer_id: "cus_r5", country_code: "US", source: "customer" })
        const { lift, created } = await service.liftChangeLimit({ customer_id: "cus_r5", created_by: "user_staff", reason: "relocation proven" })
        expect(created).toBe(true)
        // Lifting again while that lift is open gives the same lift, not a second change.
        const again = await service.liftChangeLimit({ customer_id: "cus_r5", created_by: "user_other", reason: "twice" })
        expect([again.created, again.lift.id]).toEqual([false, lift.id])
        expect((await service.residenceStatus("cus_r5")).change_allowed).toBe(true)

        const { change } = await service.setResidence({ customer_id: "cus_r5", country_code: "KR", source: "customer", reason: "back home" })
        expect(change).toMatchObject({ lift_id: lift.id, from_country: "US", to_country: "KR" })
        const [used] = await service.listResidenceChangeLifts({ customer_id: "cus_r5" })
        expect(used).toMatchObject({ created_by: "user_staff", change_id: change!.id, used_at: expect.any(Date) })
        await expect(service.setResidence({ customer_id: "cus_r5", country_code: "US", source: "customer" })).rejects.toEqual(tooSoon)
      })

      it("gives a lift back when its change is undone", async () => {
        await service.setResidence({ customer_id: "cus_r6", country_code: "KR", source: "signup", expect_none: true })
        await service.setResidence({ customer_id: "cus_r6", country_code: "US", source: "customer" })
        await service.liftChangeLimit({ customer_id: "cus_r6", created_by: "user_staff", reason: "support case" })
        const { residence, change } = await service.setResidence({ customer_id: "cus_r6", country_code: "JP", source: "customer" })
        await service.undoResidenceChange({ residence_id: residence.id, change_id: change!.id, from: "US" })
        expect(await service.getResidenceCountry("cus_r6")).toBe("US")
        expect((await service.residenceStatus("cus_r6")).open_lift).toMatchObject({ used_at: null, change_id: null })
      })

      it("follows RESIDENCE_CHANGE_DAYS (0 turns the rule off)", async () => {
        const saved = process.env.RESIDENCE_CHANGE_DAYS
        try {
          await service.setResidence({ customer_id: "cus_r7", country_code: "KR", source: "signup", expect_none: true })
          await service.setResidence({ customer_id: "cus_r7", country_code: "US", source: "customer" })
          process.env.RESIDENCE_CHANGE_DAYS = "0"
          await service.setResidence({ customer_id: "cus_r7", country_code: "KR", source: "customer" })
          process.env.RESIDENCE_CHANGE_DAYS = "7"
          await age("cus_r7", 6)
          const error: any = await service.setResidence({ customer_id: "cus_r7", country_code: "US", source: "customer" }).catch((e) => e)
          expect(error).toEqual(tooSoon)
          expect(error.message).toMatch(/once every 7 days/)
          await age("cus_r7", 2)
          await service.setResidence({ customer_id: "cus_r7", country_code: "US", source: "customer" })
        } finally {
          if (saved === undefined) delete process.env.RESIDENCE_CHANGE_DAYS
          else process.env.RESIDENCE_CHANGE_DAYS = saved
        }
      })
    })
  },
})
