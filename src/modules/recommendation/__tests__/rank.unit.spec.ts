import { train } from "../model"
import { genreAffinity, newness, recommendForPlayer, similarGames, type CatalogGame } from "../rank"
import type { HistoryEntry } from "../service"

const NOW = new Date("2026-12-01T00:00:00Z")
const daysAgo = (d: number) => new Date(NOW.getTime() - d * 86400e3)
const game = (id: string, genres: string[], released: number, countries = ["US"], tags: string[] = []): CatalogGame => ({
  id,
  title: id.toUpperCase(),
  handle: id,
  genres,
  tags,
  release_at: daysAgo(released),
  service_countries: countries,
})
const CATALOG = [
  game("rpg1", ["rpg"], 300),
  game("rpg2", ["rpg"], 300),
  game("rpg3", ["rpg"], 10),
  game("shot", ["shooter"], 300),
  game("kr", ["shooter"], 300, ["KR"]),
]
const bought = (id: string, d = 1): HistoryEntry => ({ game_id: id, kind: "purchase", weight: 3, occurred_at: daysAgo(d) })
// Many players buy "shot" and "kr"; a few buy rpg1 then rpg2.
const MODEL = train([
  ...[1, 2, 3, 4, 5].flatMap((u) => [{ user: `s${u}`, item: "shot" }, { user: `s${u}`, item: "kr" }]),
  ...[1, 2].flatMap((u) => [{ user: `r${u}`, item: "rpg1" }, { user: `r${u}`, item: "rpg2" }]),
])
const base = { catalog: CATALOG, country: "US", now: NOW, limit: 10, model: MODEL }

describe("recommendation ranking", () => {
  it("scores newness from release day down to zero at 60 days, upcoming games half", () => {
    expect(newness(daysAgo(0), NOW)).toBe(1)
    expect(newness(daysAgo(30), NOW)).toBeCloseTo(0.5)
    expect(newness(daysAgo(61), NOW)).toBe(0)
    expect(newness(daysAgo(-30), NOW)).toBeCloseTo(0.25)
  })

  it("weighs the latest games' genres most", () => {
    const byId = new Map(CATALOG.map((g) => [g.id, g]))
    const aff = genreAffinity([bought("shot", 9), bought("rpg1", 1)], byId)
    expect(aff.get("rpg")).toBe(1)
    expect(aff.get("shooter")).toBeLessThan(1)
  })

  it("gives a cold-start player the popular game with its genre, never an unsold one", () => {
    const list = recommendForPlayer({ ...base, owned: new Set(), history: [] })
    expect(list[0]).toMatchObject({ game: { id: "shot" }, reason: { kind: "popular_in_genre", genre: "shooter" } })
    expect(list.map((r) => r.game.id)).not.toContain("kr")
    expect(list.find((r) => r.game.id === "rpg3")!.reason.kind).toBe("new_release")
  })

  it("follows the player's history with 'because you played', never offering what they own", () => {
    const list = recommendForPlayer({ ...base, owned: new Set(["rpg1"]), history: [bought("rpg1")] })
    expect(list.slice(0, 2).map((r) => r.game.id).sort()).toEqual(["rpg2", "rpg3"])
    expect(list[0]).toMatchObject({ game: { id: "rpg2" }, reason: { kind: "because_you_played", game: { id: "rpg1" }, text: "Because you played RPG1" } })
    expect(list.find((r) => r.game.id === "rpg3")!.reason).toMatchObject({ kind: "new_in_genre", genre: "rpg" })
    expect(list.map((r) => r.game.id)).not.toContain("rpg1")
  })

  it("finds similar games by co-purchase, then by genre", () => {
    const list = similarGames({ ...base, owned: new Set(), game: CATALOG[0] })
    expect(list[0]).toMatchObject({ game: { id: "rpg2" }, reason: { kind: "players_also_played" } })
    expect(list[1]).toMatchObject({ game: { id: "rpg3" }, reason: { kind: "same_genre", genre: "rpg" } })
    expect(list.map((r) => r.game.id)).not.toContain("shot")
  })
})
