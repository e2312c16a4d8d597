import {
  AdminCreateGame,
  AdminSetEarnRate,
  AdminUpdateGame,
  PagingQuery,
  StoreCreateAccount,
  StoreGamesQuery,
  StorePurchaseBody,
} from "../validators"

const valid = {
  title: "Lunar Garden",
  prices: [{ currency_code: "USD", amount: 19.99 }],
  genres: ["rpg"],
  developer: "Moonlit Owl",
  publisher: "Daybreak Digital",
  release_at: "2026-12-24",
  platforms: ["windows"],
  service_countries: ["kr", "JP", "kr"],
}

describe("admin game validation", () => {
  it("accepts a valid game and normalizes countries and currencies", () => {
    const parsed = AdminCreateGame.parse(valid)
    expect(parsed.service_countries).toEqual(["KR", "JP"])
    expect(parsed.prices[0].currency_code).toBe("usd")
    expect(parsed.release_at).toEqual(new Date("2026-12-24"))
    expect(parsed.preorder_enabled).toBe(false)
  })

  it.each([
    ["an unknown country code", { service_countries: ["ZZ"] }, "Unknown country code 'ZZ'"],
    ["a negative price", { prices: [{ currency_code: "usd", amount: -5 }] }, "Price must not be negative"],
    ["a malformed date", { release_at: "24/12/2026" }, "ISO 8601"],
    ["an impossible date", { release_at: "2026-02-31T25:00:00Z" }, "Invalid date"],
    ["two prices in one currency", { prices: [{ currency_code: "usd", amount: 1 }, { currency_code: "USD", amount: 2 }] }, "One price per currency"],
    ["an unknown platform", { platforms: ["dreamcast"] }, "platforms"],
    ["an unknown field", { colour: "red" }, "colour"],
    ["no service country", { service_countries: [] }, "at least one service country"],
    ["more platforms than exist", { platforms: new Array(6).fill("windows") }, "platforms"],
    ["an oversized thumbnail URL", { thumbnail: `https://x.example/${"a".repeat(2_000)}` }, "thumbnail"],
    ["an oversized title", { title: "x".repeat(301) }, "title"],
    ["a very long country code", { service_countries: ["k".repeat(500)] }, "service_countries"],
  ])("rejects %s", (_name, patch, message) => {
    const result = AdminCreateGame.safeParse({ ...valid, ...patch })
    expect(result.success).toBe(false)
    expect(JSON.stringify(result.error!.issues)).toContain(message)
  })

  it("lists each platform once", () => {
    expect(AdminCreateGame.parse({ ...valid, platforms: ["windows", "linux", "windows"] }).platforms).toEqual(["windows", "linux"])
  })

  it("allows partial updates but still validates what is sent", () => {
    expect(AdminUpdateGame.parse({ preorder_enabled: true })).toEqual({ preorder_enabled: true })
    expect(AdminUpdateGame.safeParse({ age_rating: 13 }).success).toBe(false)
  })
})

describe("store game list query", () => {
  it("parses lists, numbers and defaults", () => {
    expect(StoreGamesQuery.parse({ genre: "rpg,action", tag: ["co-op"], price_max: "30" })).toMatchObject({
      genre: ["rpg", "action"],
      tag: ["co-op"],
      price_max: 30,
      limit: 20,
      offset: 0,
    })
  })

  it("rejects a reversed price range, a bad sort and an oversized page", () => {
    expect(StoreGamesQuery.safeParse({ price_min: "50", price_max: "10" }).success).toBe(false)
    expect(StoreGamesQuery.safeParse({ order: "rating" }).success).toBe(false)
    expect(StoreGamesQuery.safeParse({ limit: "1000" }).success).toBe(false)
  })
})

describe("limits on every text, list and number", () => {
  it.each([
    ["StoreGamesQuery", StoreGamesQuery, { region_id: "r".repeat(101) }],
    ["StoreGamesQuery", StoreGamesQuery, { price_max: "1e300" }],
    ["StoreGamesQuery", StoreGamesQuery, { offset: "100001" }],
    ["PagingQuery", PagingQuery, { offset: "1000000000000" }],
    ["AdminSetEarnRate", AdminSetEarnRate, { region_id: "reg_" + "r".repeat(200), rate: 0.1 }],
    ["AdminSetEarnRate", AdminSetEarnRate, { region_id: "reg 1", rate: 0.1 }],
    ["StoreCreateAccount", StoreCreateAccount, { email: `${"a".repeat(250)}@example.com`, residence_country: "KR" }],
    ["StorePurchaseBody", StorePurchaseBody, { game_ids: ["game_1"], expected_total: 1e300 }],
    ["StorePurchaseBody", StorePurchaseBody, { game_ids: new Array(21).fill("game_1") }],
    ["StorePurchaseBody", StorePurchaseBody, { game_ids: ["game_1"], promo_codes: new Array(6).fill("TEN") }],
    ["StorePurchaseBody", StorePurchaseBody, { game_ids: ["game_1"], payment: { account: "4".repeat(65) } }],
  ])("%s refuses an out-of-bounds value (case %#)", (_name, schema: any, input) => {
    expect(schema.safeParse(input).success).toBe(false)
  })

  it("still takes ordinary input", () => {
    expect(PagingQuery.parse({ offset: "40" })).toEqual({ limit: 20, offset: 40 })
    expect(AdminSetEarnRate.parse({ region_id: "reg_01ABC", rate: 0.05 })).toEqual({ region_id: "reg_01ABC", rate: 0.05 })
    expect(StorePurchaseBody.safeParse({ game_ids: ["game_1"], expected_total: 19.99, payment: { provider_id: "pp_sandbox_sandbox" } }).success).toBe(true)
  })
})
