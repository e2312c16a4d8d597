import { gameSearchQuery, storeHit } from "../../store/search/helpers"
import { markedHtml, parseMarks, suggestion } from "../../store/search/suggest-helpers"
import { StoreSearchQuery, StoreSuggestQuery } from "../search-validators"

const now = new Date("2026-06-01T00:00:00Z")
const parse = (q: Record<string, string>) => StoreSearchQuery.parse(q)

describe("store search query", () => {
  it("limits to the caller's country and filters by the region's own price field", () => {
    const q = gameSearchQuery(parse({ q: "witcher", price_min: "1000", price_max: "30000", on_sale: "true" }), { currency_code: "krw", country: "KR" }, now)
    expect(q.filters).toEqual({
      service_countries: "KR",
      q: "witcher",
      on_sale: true,
      price_krw: { $gte: 1000, $lte: 30000 },
    })
    expect(q.pagination).toEqual({ skip: 0, take: 20, order: undefined })
    expect(q.search_options).toMatchObject({ typo_tolerance: true, disjunctive_facets: true })
  })

  it("turns status into a release date range and sorts by the region's price, ties by id", () => {
    const q = gameSearchQuery(parse({ status: "upcoming", genre: "rpg,action", sort: "-price" }), { currency_code: "usd", country: "US" }, now)
    expect(q.filters).toMatchObject({ release_at: { $gt: now }, genres: { $in: ["rpg", "action"] } })
    expect(q.pagination!.order).toEqual({ price_usd: "DESC", id: "ASC" })
    // Without a query the newest come first.
    expect(gameSearchQuery(parse({}), { currency_code: "usd", country: "US" }, now).pagination!.order).toEqual({
      release_at: "DESC",
      id: "ASC",
    })
  })

  it("refuses a price filter in a currency the index has no field for", () => {
    expect(() => gameSearchQuery(parse({ price_max: "5" }), { currency_code: "chf", country: "CH" }, now)).toThrow(/CHF/)
  })

  it("refuses unknown sorts, bad booleans, unknown fields and oversized text", () => {
    for (const bad of [{ sort: "popularity" }, { on_sale: "yes" }, { color: "red" }, { q: "x".repeat(101) }, { price_min: "9", price_max: "1" }]) {
      expect(StoreSearchQuery.safeParse(bad).success).toBe(false)
    }
    expect(StoreSuggestQuery.safeParse({ q: " " }).success).toBe(false)
  })

  it("answers a hit's release state from its date and its price in the caller's currency", () => {
    const hit = storeHit({ id: "g", title: "T", release_at: "2026-05-01T00:00:00.000Z", released: false, price_krw: 33000 }, "krw", now)
    expect(hit).toMatchObject({ released: true, price: { amount: 33000, currency_code: "krw" }, on_sale: false })
  })
})

describe("suggestions", () => {
  it("reads the engine's private-use marks into text and offsets, and escapes the HTML", () => {
    const parsed = parseMarks("<b>\ue000Wit\ue001cher</b>")
    expect(parsed).toEqual({ text: "<b>Witcher</b>", spans: [[3, 6]] })
    expect(markedHtml(parsed.text, parsed.spans)).toBe("&lt;b&gt;<mark>Wit</mark>cher&lt;/b&gt;")
  })

  it("shows the title in the script that matched", () => {
    const s = suggestion({
      id: "game_1",
      document: { id: "game_1", handle: "witcher", title: "The Witcher", title_ko: "더 위쳐", price_krw: 44000, release_at: "2030-01-01T00:00:00Z" },
      highlights: { title: ["The Witcher"], title_ko: ["더 \ue000위쳐\ue001"] },
    }, "KRW", new Date("2026-12-01T00:00:00Z"))
    expect(s).toMatchObject({ matched_field: "title_ko", text: "더 위쳐", highlight: "더 <mark>위쳐</mark>", matches: [{ start: 2, end: 4 }] })
    expect(s).toMatchObject({ released: false, price: { amount: 44000, currency_code: "krw" } })
    // A currency the index has no price field for shows no price rather than failing.
    expect(suggestion({ id: "g", document: { id: "g", title: "X", price_usd: 1 } }, "chf").price).toBeNull()
  })
})
