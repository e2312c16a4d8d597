import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import { GAME_MODULE } from "../../src/modules/game"
import type GameModuleService from "../../src/modules/game/service"

jest.setTimeout(60 * 1000)

const now = new Date("2026-11-23T12:00:00Z")
const base = {
  developer: "Dev",
  publisher: "Pub",
  platforms: ["windows"],
  age_rating: 0,
  tags: [] as string[],
}

moduleIntegrationTestRunner<GameModuleService>({
  moduleName: GAME_MODULE,
  resolve: "./src/modules/game",
  testSuite: ({ service }) => {
    let ids: Record<string, string>

    beforeEach(async () => {
      const games = await service.createGames([
        { ...base, product_id: "prod_a", title: "Alpha", handle: "alpha", genres: ["rpg"], tags: ["co-op"], release_at: new Date("2025-01-01"), service_countries: ["KR", "US"] },
        { ...base, product_id: "prod_b", title: "Bravo", handle: "bravo", genres: ["action", "rpg"], release_at: new Date("2026-12-10"), service_countries: ["JP"], preorder_enabled: true },
        { ...base, product_id: "prod_c", title: "Charlie", handle: "charlie", genres: ["puzzle"], release_at: new Date("2024-06-01"), service_countries: ["KR"] },
        { ...base, product_id: "prod_d", title: "Delta 100%_off", handle: "delta", genres: ["puzzle"], release_at: new Date("2023-06-01"), service_countries: ["US"], published: false },
      ] as any)
      ids = Object.fromEntries((games as unknown as any[]).map((g) => [g.handle, g.id]))
      await service.setGamePrices(ids.alpha, [{ currency_code: "usd", amount: 29.99 }, { currency_code: "krw", amount: 33000 }])
      await service.setGamePrices(ids.bravo, [{ currency_code: "usd", amount: 59.99 }])
      await service.setGamePrices(ids.charlie, [{ currency_code: "usd", amount: 9.99 }])
    })

    const list = (f: any = {}) =>
      service.listStoreGames({ currency_code: "usd", limit: 20, offset: 0, now, ...f })

    it("lists only published games, newest release first by default", async () => {
      const { rows, count } = await list()
      expect(count).toBe(3)
      expect(rows.map((r) => r.handle)).toEqual(["bravo", "alpha", "charlie"])
    })

    it("filters by any of several genres, by tag, by status and by country", async () => {
      expect((await list({ genre: ["action", "puzzle"] })).rows.map((r) => r.handle).sort()).toEqual(["bravo", "charlie"])
      expect((await list({ tag: ["co-op"] })).rows.map((r) => r.handle)).toEqual(["alpha"])
      expect((await list({ status: "upcoming" })).rows.map((r) => r.handle)).toEqual(["bravo"])
      expect((await list({ status: "released" })).count).toBe(2)
      expect((await list({ country: "KR" })).rows.map((r) => r.handle).sort()).toEqual(["alpha", "charlie"])
    })

    it("sorts and filters by the price in the requested currency, games without one last", async () => {
      expect((await list({ order: "price" })).rows.map((r) => r.amount)).toEqual(["9.99", "29.99", "59.99"])
      const krw = await list({ currency_code: "krw", order: "price" })
      expect(krw.rows.map((r) => r.amount)).toEqual(["33000", null, null])
      expect(krw.rows[0].handle).toBe("alpha")
      expect((await list({ price_min: 10, price_max: 30 })).rows.map((r) => r.handle)).toEqual(["alpha"])
    })

    it("searches titles literally, without treating % or _ as wildcards", async () => {
      await service.updateGames({ id: ids.delta, published: true })
      expect((await list({ q: "100%_" })).rows.map((r) => r.handle)).toEqual(["delta"])
      expect((await list({ q: "%" })).rows.map((r) => r.handle)).toEqual(["delta"])
    })

    it("pages with a total count, also past the last page", async () => {
      const page = await list({ order: "title", limit: 2, offset: 2 })
      expect(page).toMatchObject({ count: 3 })
      expect(page.rows.map((r) => r.handle)).toEqual(["charlie"])
      expect(await list({ limit: 2, offset: 10 })).toEqual({ rows: [], count: 3 })
    })

    it("sets prices idempotently and safely under concurrency", async () => {
      const target = [{ currency_code: "usd", amount: 19.99 }, { currency_code: "eur", amount: 18.99 }]
      await Promise.all(Array.from({ length: 8 }, () => service.setGamePrices(ids.charlie, target)))
      await service.setGamePrices(ids.charlie, target)
      const prices = await service.listGamePrices({ game_id: ids.charlie })
      expect(prices.map((p) => [p.currency_code, Number(p.amount)]).sort()).toEqual([["eur", 18.99], ["usd", 19.99]])
      await service.setGamePrices(ids.charlie, [])
      expect(await service.listGamePrices({ game_id: ids.charlie })).toHaveLength(0)
    })

    it("refuses a negative price at the database", async () => {
      await expect(service.setGamePrices(ids.alpha, [{ currency_code: "usd", amount: -1 }])).rejects.toThrow(/must not be negative/)
      const prices = await service.listGamePrices({ game_id: ids.alpha })
      expect(prices.map((p) => Number(p.amount)).sort((a, b) => a - b)).toEqual([29.99, 33000])
    })
  },
})
