/**
 * Words players use for the same thing, in the catalog's genre and tag slugs and in Korean and
 * Japanese. Each group is symmetric: a query for any member also finds what the others name.
 */
export const GAME_SYNONYMS: string[][] = [
  ["rpg", "role-playing", "롤플레잉", "ロールプレイング"],
  ["fps", "shooter", "first-person shooter", "슈팅", "シューティング"],
  ["roguelike", "roguelite", "rogue-like"],
  ["co-op", "coop", "cooperative"],
  ["sci-fi", "scifi", "science fiction"],
  ["mmo", "mmorpg", "massively multiplayer"],
  ["visual-novel", "visual novel", "vn"],
  ["soulslike", "souls-like"],
  ["card-game", "card game"],
]
