import type { GameDetails } from "../../workflows/game/types"
import { rng } from "../../modules/recommendation/model/evaluation"

/**
 * Deterministic catalog generator for the seed: the same (count, now) always yields the same games,
 * so re-seeding is idempotent by handle and tests can predict the data.
 */
export const GENRES = [
  "action", "adventure", "rpg", "strategy", "simulation", "sports", "racing", "puzzle", "horror",
  "platformer", "shooter", "fighting", "roguelike", "survival", "visual-novel", "rhythm", "sandbox",
  "mmo", "casual", "card-game",
]
export const TAGS = [
  "singleplayer", "multiplayer", "co-op", "open-world", "pixel-art", "story-rich", "difficult",
  "relaxing", "sci-fi", "fantasy", "anime", "cyberpunk", "post-apocalyptic", "turn-based",
  "controller", "vr", "online-pvp", "character-customization", "physics", "crafting",
  "base-building", "exploration", "stealth", "mystery", "cute", "soulslike", "metroidvania",
  "deckbuilder", "hand-drawn", "local-co-op",
]
const FIRST = [
  "Crimson", "Neon", "Silent", "Hollow", "Iron", "Starlit", "Broken", "Eternal", "Shadow", "Azure",
  "Wild", "Last", "Clockwork", "Frozen", "Golden", "Ashen", "Distant", "Lunar", "Savage", "Quiet",
  "Velvet", "Electric", "Sunken", "Paper", "Arcane", "Rogue", "Scarlet", "Obsidian", "Little", "Endless",
]
const SECOND = [
  "Frontier", "Drift", "Harbor", "Crown", "Protocol", "Odyssey", "Garden", "Citadel", "Requiem",
  "Horizon", "Tides", "Vanguard", "Hollow", "Kingdom", "Circuit", "Legacy", "Wasteland", "Express",
  "Dungeon", "Sky", "Colony", "Saga", "Run", "Arena", "Shrine", "Signal", "Orchard", "Echoes",
  "Rift", "Voyage",
]
const SUBTITLES = [
  "", "", "", "", "Remastered", "Director's Cut", "Origins", "Reborn", "II", "III", "Tactics",
  "Online", "Definitive Edition", "Chronicles", "Zero",
]
export const DEVELOPERS = [
  "Nightjar Studios", "Blue Pine Interactive", "Hanbit Forge", "Sakura Circuit", "Pixel Harbor",
  "Northwind Games", "Ironclad Works", "Moonlit Owl", "Lumen Forge", "Studio Kaede", "Tupi Games",
  "Bytecraft", "Seoul Lantern", "Okami Bits", "Red Kite Software", "Atelier Brume", "Grachten Games",
  "Hacienda Digital", "Vesuvio Interactive", "Maple Stack",
]
export const PUBLISHERS = [
  "Nebula Publishing", "Crescent Interactive", "Starfall Entertainment", "Daybreak Digital",
  "Hanul Games", "Kitsune Publishing", "Atlantic Arcade", "Orbit Eleven", "Self-published",
]
const PLATFORM_SETS = [
  ["windows"], ["windows", "macos"], ["windows", "steamdeck"], ["windows", "macos", "linux"],
  ["windows", "macos", "linux", "steamdeck"], ["windows", "cloud"],
]
const AGE = [0, 3, 7, 12, 12, 15, 16, 18]
export const STORE_COUNTRIES = ["KR", "JP", "US", "DE", "FR", "ES", "IT", "NL", "GB", "BR"]
const WORLDWIDE = [...STORE_COUNTRIES, "CA", "AU", "NZ", "SE", "PL", "AT", "BE", "PT", "IE", "MX", "TW", "SG"]
const LIMITED = [["KR"], ["JP"], ["KR", "JP"], ["US", "GB"], ["DE", "FR", "ES", "IT", "NL"], ["BR"], ["US"]]
const USD_TIERS = [4.99, 9.99, 14.99, 19.99, 24.99, 29.99, 39.99, 49.99, 59.99, 69.99]

/** Regional price points from a USD tier, rounded the way stores price in each currency. */
export function regionalPrices(usd: number) {
  return [
    { currency_code: "usd", amount: usd },
    { currency_code: "eur", amount: usd },
    { currency_code: "gbp", amount: Math.round(usd * 0.83) - 0.01 },
    { currency_code: "krw", amount: Math.round((usd * 1100) / 500) * 500 },
    { currency_code: "jpy", amount: Math.round((usd * 125) / 100) * 100 - 20 },
    { currency_code: "brl", amount: Math.round(usd * 4) - 0.1 },
  ]
}


export type CatalogGame = {
  title: string
  handle: string
  description: string
  prices: { currency_code: string; amount: number }[]
  details: GameDetails & { download_asset: string }
}

const DAY = 24 * 3600 * 1000

export function buildCatalog(count: number, now: Date): CatalogGame[] {
  const rand = rng(20261123)
  const pick = <T>(list: T[]) => list[Math.floor(rand() * list.length)]
  const some = <T>(list: T[], min: number, max: number) => {
    const n = min + Math.floor(rand() * (max - min + 1))
    const copy = [...list]
    const out: T[] = []
    while (out.length < n && copy.length) out.push(copy.splice(Math.floor(rand() * copy.length), 1)[0])
    return out
  }
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate())
  const games: CatalogGame[] = []
  const seen = new Set<string>()
  for (let i = 0; games.length < count; i++) {
    const sub = pick(SUBTITLES)
    const title = `${pick(FIRST)} ${pick(SECOND)}${sub ? (sub.length <= 3 ? ` ${sub}` : `: ${sub}`) : ""}`
    const handle = title.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "")
    if (seen.has(handle)) continue
    seen.add(handle)
    const genres = some(GENRES, 1, 3)
    const roll = rand()
    // ~15% open pre-orders in the coming weeks, ~4% announced without pre-order, the rest released.
    const upcoming = roll < 0.15
    const announced = !upcoming && roll < 0.19
    const release = upcoming
      ? today + (3 + Math.floor(rand() * 50)) * DAY + 15 * 3600 * 1000
      : announced
        ? today + (90 + Math.floor(rand() * 300)) * DAY
        : today - Math.floor(rand() * 9 * 365 + 1) * DAY
    const limited = rand() < 0.12
    const developer = pick(DEVELOPERS)
    games.push({
      title,
      handle,
      description: `${title} is a ${genres.join(" / ")} game by ${developer}.`,
      prices: regionalPrices(pick(USD_TIERS)),
      details: {
        genres,
        tags: some(TAGS, 2, 6),
        developer,
        publisher: rand() < 0.2 ? developer : pick(PUBLISHERS),
        release_at: new Date(release),
        platforms: pick(PLATFORM_SETS),
        age_rating: pick(AGE),
        service_countries: limited ? pick(LIMITED) : WORLDWIDE,
        download_asset: `kstore-assets://games/${handle}/build-1.0.0.zip`,
        preorder_enabled: upcoming,
      },
    })
  }
  return games
}

export const SEED_CUSTOMERS = [
  { email: "minji.kim@example.com", first_name: "Minji", last_name: "Kim", country: "KR" },
  { email: "junho.park@example.com", first_name: "Junho", last_name: "Park", country: "KR" },
  { email: "haruto.sato@example.com", first_name: "Haruto", last_name: "Sato", country: "JP" },
  { email: "yui.tanaka@example.com", first_name: "Yui", last_name: "Tanaka", country: "JP" },
  { email: "olivia.smith@example.com", first_name: "Olivia", last_name: "Smith", country: "US" },
  { email: "lukas.mueller@example.com", first_name: "Lukas", last_name: "Müller", country: "DE" },
  { email: "camille.martin@example.com", first_name: "Camille", last_name: "Martin", country: "FR" },
  { email: "daan.devries@example.com", first_name: "Daan", last_name: "de Vries", country: "NL" },
  { email: "oliver.jones@example.com", first_name: "Oliver", last_name: "Jones", country: "GB" },
  { email: "lucas.silva@example.com", first_name: "Lucas", last_name: "Silva", country: "BR" },
]
