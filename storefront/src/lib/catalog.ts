export const PLATFORM_NAMES: Record<string, string> = {
  windows: "Windows",
  macos: "macOS",
  linux: "Linux",
  steamdeck: "Steam Deck",
  cloud: "Cloud",
}

/** Sort choices in the URL (`sort=`) and the backend's `order` for each. */
export const SORTS = {
  newest: "-release_at",
  oldest: "release_at",
  "price-asc": "price",
  "price-desc": "-price",
  title: "title",
  "title-desc": "-title",
} as const
export type SortKey = keyof typeof SORTS

/** The backend accepts genre/tag slugs of this shape only (src/api/utils/validators.ts). */
export const SLUG = /^[a-z0-9][a-z0-9-]{0,39}$/
