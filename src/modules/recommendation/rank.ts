import { DEFAULT_SCORE, RecModel, scoreInto, similarItems } from "./model"
import { contributions } from "./model/explain"
import { prior } from "./model/weights"
import type { HistoryEntry } from "./service"
import { playedKind, Reason, reasonText } from "./reasons"

/** What ranking needs of a published game (read from the game module by the caller). */
export type CatalogGame = {
  id: string
  title: string
  handle: string
  genres: string[]
  tags: string[]
  release_at: Date | string
  service_countries: string[]
}

export type Ranked = { game: CatalogGame; score: number; reason: Reason & { text: string } }

export type Filters = {
  catalog: CatalogGame[]
  /** Games the caller owns: never offered. */
  owned: Set<string>
  /** The caller's country: only games sold there are offered. */
  country: string
}

// Blend of the sources. Neighbour evidence (CF) and the player's genres carry the ranking once
// there is a history; popularity and newness order the rest and carry cold start on their own.
const W = { cf: 1, genre: 0.8, popularity: 0.25, newness: 0.25 }
const NEW_DAYS = 60
/** Each step back in the player's history counts this much less towards their genres. */
const GENRE_DECAY = 0.9

const offered = ({ catalog, owned, country }: Filters) =>
  catalog.filter((g) => !owned.has(g.id) && g.service_countries.includes(country))

const ref = (g: CatalogGame) => ({ id: g.id, title: g.title, handle: g.handle })
const withText = (r: Reason) => ({ ...r, text: reasonText(r) })
const byScore = (a: Ranked, b: Ranked) => b.score - a.score || (a.game.id < b.game.id ? -1 : 1)

/** 1 for a game released today, falling to 0 at NEW_DAYS; upcoming games close to release count half. */
export function newness(releaseAt: Date | string, now: Date) {
  const days = (now.getTime() - new Date(releaseAt).getTime()) / 86400e3
  if (days >= 0) return days <= NEW_DAYS ? 1 - days / NEW_DAYS : 0
  return -days <= NEW_DAYS ? 0.5 * (1 + days / NEW_DAYS) : 0
}

/** log-scaled recorded interest in each game, 0..1 (0 without a model). */
function popularity(model: RecModel | null, id: string) {
  const i = model?.indexOf(id)
  if (!model || i === undefined || !(model.maxCount > 0)) return 0
  return Math.log1p(model.count[i]) / Math.log1p(model.maxCount)
}

/** The player's genres, 0..1: the weight of each game's signals, the latest games counting most. */
export function genreAffinity(history: HistoryEntry[], catalog: Map<string, CatalogGame>) {
  const perGame = new Map<string, number>()
  for (const h of history) perGame.set(h.game_id, (perGame.get(h.game_id) ?? 0) + h.weight)
  // Most recent distinct games first (history is oldest first).
  const order = [...new Set(history.map((h) => h.game_id).reverse())]
  const aff = new Map<string, number>()
  order.forEach((id, rank) => {
    const game = catalog.get(id)
    if (!game) return
    const w = (perGame.get(id) ?? 0) * Math.pow(GENRE_DECAY, rank)
    for (const genre of game.genres) aff.set(genre, (aff.get(genre) ?? 0) + w)
  })
  const max = Math.max(0, ...aff.values())
  if (max > 0) for (const [k, v] of aff) aff.set(k, v / max)
  return aff
}

/** "Because you played/viewed X": played when any signal of X but a page view is in the history. */
function becauseOf(game: CatalogGame, history: HistoryEntry[], genre?: string): Reason {
  const kinds = history.filter((h) => h.game_id === game.id).map((h) => h.kind)
  return { kind: playedKind(kinds) ? "because_you_played" : "because_you_viewed", game: ref(game), ...(genre ? { genre } : {}) }
}

/**
 * A signed-in player's recommendations: the model's neighbour evidence from their history, their
 * genres, popularity and newness, blended; each with the reason of its largest part.
 */
export function recommendForPlayer(
  input: Filters & { model: RecModel | null; history: HistoryEntry[]; now: Date; limit: number }
): Ranked[] {
  const { model, history, now } = input
  const byId = new Map(input.catalog.map((g) => [g.id, g]))
  const hist = history.map((h) => model?.indexOf(h.game_id) ?? -1)
  const o = DEFAULT_SCORE

  // Neighbour evidence only (the model's own popularity prior is taken out: popularity is ours).
  let cf: Float64Array | null = null
  if (model && hist.some((i) => i >= 0)) {
    cf = new Float64Array(model.size)
    scoreInto(model, hist, o, cf)
    const base = prior(model, o)
    for (let i = 0; i < cf.length; i++) cf[i] = Math.max(0, cf[i] - base[i])
  }
  const cfOf = (id: string) => {
    const i = model?.indexOf(id)
    return cf && i !== undefined ? cf[i] : 0
  }
  const candidates = offered(input)
  const cfMax = Math.max(0, ...candidates.map((g) => cfOf(g.id)))
  const aff = genreAffinity(history, byId)

  const scored = candidates.map((game) => {
    let genre = game.genres[0] ?? "games"
    let genreScore = 0
    for (const g of game.genres) if ((aff.get(g) ?? 0) > genreScore) [genre, genreScore] = [g, aff.get(g)!]
    const parts = {
      cf: cfMax > 0 ? (W.cf * cfOf(game.id)) / cfMax : 0,
      genre: W.genre * genreScore,
      popularity: W.popularity * popularity(model, game.id),
      newness: W.newness * newness(game.release_at, now),
    }
    return { game, genre, parts, score: parts.cf + parts.genre + parts.popularity + parts.newness }
  })
  const top = scored.filter((s) => s.score > 0).sort((a, b) => b.score - a.score || (a.game.id < b.game.id ? -1 : 1)).slice(0, input.limit)

  return top.map(({ game, genre, parts, score }) => {
    const largest = (Object.keys(parts) as (keyof typeof parts)[]).reduce((a, b) => (parts[b] > parts[a] ? b : a))
    let reason: Reason | null = null
    if (largest === "cf" && model) {
      // Explain only what is shown: which history position gave this game most evidence.
      const share = contributions(model, hist, model.indexOf(game.id)!, o)
      let from = -1
      for (let j = 0; j < share.length; j++) if (share[j] > 0 && (from < 0 || share[j] > share[from])) from = j
      const source = from >= 0 && history[from].game_id !== game.id ? byId.get(history[from].game_id) : undefined
      if (source) reason = becauseOf(source, history)
    }
    if (!reason && (largest === "cf" || largest === "genre") && parts.genre > 0) {
      if (parts.newness > 0) reason = { kind: "new_in_genre", genre }
      else {
        // The latest other game of the player's in that genre (not the candidate's own view).
        const source = [...history].reverse().map((h) => byId.get(h.game_id)).find((g) => g && g.id !== game.id && g.genres.includes(genre))
        if (source) reason = becauseOf(source, history, genre)
      }
    }
    reason ??= parts.newness >= parts.popularity ? { kind: "new_release", genre } : { kind: "popular_in_genre", genre }
    return { game, score, reason: withText(reason) }
  })
}

/** Genre overlap counts most, tags refine: both Jaccard. */
function contentSimilarity(a: CatalogGame, b: CatalogGame) {
  const jac = (x: string[], y: string[]) => {
    if (!x.length || !y.length) return 0
    const s = new Set(x)
    const shared = y.filter((v) => s.has(v)).length
    return shared / (s.size + y.length - shared)
  }
  return 0.7 * jac(a.genres, b.genres) + 0.3 * jac(a.tags, b.tags)
}

/**
 * Games like `game`: the model's "players of X also played" plus shared genres and tags (which
 * also serve a game nobody has bought yet). `because` words every reason as the player's own
 * "because you played X" (the /because route); otherwise the reason names the source.
 */
export function similarGames(
  input: Filters & { model: RecModel | null; game: CatalogGame; limit: number; because?: Reason }
): Ranked[] {
  const { model, game } = input
  const cf = new Map((model ? similarItems(model, game.id, 200) : []).map((s) => [String(s.item), s.score]))
  const cfMax = Math.max(0, ...cf.values())
  return offered(input)
    .filter((g) => g.id !== game.id)
    .map((g) => {
      const parts = { cf: cfMax > 0 ? (cf.get(g.id) ?? 0) / cfMax : 0, content: 0.6 * contentSimilarity(game, g) }
      const shared = g.genres.find((x) => game.genres.includes(x))
      const reason: Reason =
        input.because ??
        (parts.cf >= parts.content || !shared
          ? { kind: "players_also_played", game: ref(game) }
          : { kind: "same_genre", game: ref(game), genre: shared })
      return { game: g, score: parts.cf + parts.content + 0.1 * popularity(model, g.id), parts, reason }
    })
    .filter((s) => s.parts.cf + s.parts.content > 0)
    .map(({ game, score, reason }) => ({ game, score, reason: withText(reason) }))
    .sort(byScore)
    .slice(0, input.limit)
}

export { becauseOf }
