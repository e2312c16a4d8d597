import { buildCatalog, GENRES, regionalPrices, STORE_COUNTRIES } from "../catalog"

const now = new Date("2026-11-23T10:00:00Z")

describe("seed catalog", () => {
  const games = buildCatalog(240, now)

  it("builds the requested number of games with unique handles", () => {
    expect(games).toHaveLength(240)
    expect(new Set(games.map((g) => g.handle)).size).toBe(240)
  })

  it("is deterministic for the same inputs and keeps handles when the clock moves", () => {
    expect(buildCatalog(240, now)).toEqual(games)
    const later = buildCatalog(240, new Date("2027-02-01T00:00:00Z"))
    expect(later.map((g) => g.handle)).toEqual(games.map((g) => g.handle))
  })

  it("mixes released games, open pre-orders in the coming weeks and country-limited games", () => {
    const upcoming = games.filter((g) => g.details.release_at > now)
    const preorders = upcoming.filter((g) => g.details.preorder_enabled)
    const soon = preorders.filter((g) => g.details.release_at.getTime() - now.getTime() < 60 * 86400e3)
    const limited = games.filter((g) => g.details.service_countries.length < STORE_COUNTRIES.length)
    expect(games.length - upcoming.length).toBeGreaterThan(150)
    expect(soon.length).toBeGreaterThan(10)
    expect(limited.length).toBeGreaterThan(10)
    expect(new Set(games.flatMap((g) => g.details.genres)).size).toBe(GENRES.length)
  })

  it("prices every game in all six store currencies", () => {
    for (const g of games) {
      expect(g.prices.map((p) => p.currency_code).sort()).toEqual(["brl", "eur", "gbp", "jpy", "krw", "usd"])
      expect(g.prices.every((p) => p.amount > 0)).toBe(true)
    }
  })

  it("rounds regional prices the way each currency is priced", () => {
    expect(regionalPrices(59.99)).toEqual([
      { currency_code: "usd", amount: 59.99 },
      { currency_code: "eur", amount: 59.99 },
      { currency_code: "gbp", amount: 49.99 },
      { currency_code: "krw", amount: 66000 },
      { currency_code: "jpy", amount: 7480 },
      { currency_code: "brl", amount: 239.9 },
    ])
  })
})
