import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import { REGION_POLICY_MODULE } from "../../src/modules/region-policy"
import type RegionPolicyModuleService from "../../src/modules/region-policy/service"

jest.setTimeout(60 * 1000)

moduleIntegrationTestRunner<RegionPolicyModuleService>({
  moduleName: REGION_POLICY_MODULE,
  resolve: "./src/modules/region-policy",
  testSuite: ({ service }) => {
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
  },
})
