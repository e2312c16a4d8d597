import type { InteractionKind } from "./models/interaction"

export type GameRef = { id: string; title: string; handle: string }

/** Why a game is shown, as data the storefront can translate, plus an English sentence. */
export type Reason =
  | { kind: "because_you_played"; game: GameRef; genre?: string }
  | { kind: "because_you_viewed"; game: GameRef; genre?: string }
  | { kind: "players_also_played"; game: GameRef }
  | { kind: "same_genre"; game: GameRef; genre: string }
  | { kind: "new_in_genre"; genre: string }
  | { kind: "popular_in_genre"; genre: string }
  | { kind: "new_release"; genre: string }

const ACRONYMS = new Set(["rpg", "fps", "mmo", "mmorpg", "jrpg", "rts", "moba"])

/** Genres are slugs ("visual-novel"); people read "Visual Novel", "RPG". */
export function genreLabel(slug: string) {
  return slug
    .split("-")
    .map((w) => (ACRONYMS.has(w) ? w.toUpperCase() : w.charAt(0).toUpperCase() + w.slice(1)))
    .join(" ")
}

/** Owning, playing or receiving a game is "played"; only a page view is "viewed". */
export const playedKind = (kinds: Iterable<InteractionKind>) => {
  for (const k of kinds) if (k !== "view") return true
  return false
}

export function reasonText(r: Reason): string {
  switch (r.kind) {
    case "because_you_played":
      return `Because you played ${r.game.title}`
    case "because_you_viewed":
      return `Because you looked at ${r.game.title}`
    case "players_also_played":
      return `Players of ${r.game.title} also played this`
    case "same_genre":
      return `${genreLabel(r.genre)}, like ${r.game.title}`
    case "new_in_genre":
      return `New in ${genreLabel(r.genre)}, your favourite genre`
    case "popular_in_genre":
      return `Popular in ${genreLabel(r.genre)}`
    case "new_release":
      return `New release in ${genreLabel(r.genre)}`
  }
}
