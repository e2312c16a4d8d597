/** What a game is about, for matching it with a player's taste. */
export type Taste = { genres: string[]; tags: string[] }

/** Genres say more about a player's taste than tags do. */
const GENRE_WEIGHT = 2 / 3

const share = (wanted: string[], have: string[]) => {
  if (!wanted.length) return 0
  const own = new Set(have)
  return wanted.filter((w) => own.has(w)).length / wanted.length
}

/**
 * How close a new game is to what a player owns, 0–1: the mean over their games of how much of
 * the new game's genres (two thirds) and tags (one third) each shares. With it, the new game's
 * genre the player owns most of, for the mail's reason. A player with no games scores 0: a
 * new-release mail is for players whose taste we know, never a blast.
 */
export function releaseAffinity(game: Taste, owned: Taste[]): { score: number; genre: string | null } {
  if (!owned.length) return { score: 0, genre: null }
  const tagWeight = game.tags.length ? 1 - GENRE_WEIGHT : 0
  const genreWeight = game.genres.length ? 1 - tagWeight : 0
  const total = owned.reduce((sum, g) => sum + genreWeight * share(game.genres, g.genres) + tagWeight * share(game.tags, g.tags), 0)
  const counts = game.genres.map((genre) => [genre, owned.filter((g) => g.genres.includes(genre)).length] as const)
  const [best] = counts.filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1])
  return { score: total / owned.length, genre: best?.[0] ?? null }
}
