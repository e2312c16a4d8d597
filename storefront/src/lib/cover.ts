/**
 * Deterministic cover art for games without an image: the same title always gives the same
 * gradient, pattern and initials (used by the <Cover> SVG and by the Open Graph image route).
 */
export function hashString(value: string) {
  let h = 0x811c9dc5
  for (let i = 0; i < value.length; i++) {
    h ^= value.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}

export type CoverArt = {
  hash: number
  from: string
  to: string
  accent: string
  angle: number
  pattern: "rings" | "stripes" | "grid" | "orbs"
  initials: string
}

const PATTERNS: CoverArt["pattern"][] = ["rings", "stripes", "grid", "orbs"]

export function coverArt(title: string): CoverArt {
  const hash = hashString(title)
  const hue = hash % 360
  const shift = 40 + ((hash >>> 9) % 120)
  const hue2 = (hue + shift) % 360
  const words = title
    .split(":")[0]
    .split(/\s+/)
    .filter((w) => /[\p{L}\p{N}]/u.test(w))
  const initials = (words.length > 1 ? words[0][0] + words[1][0] : (words[0] ?? "?").slice(0, 2)).toUpperCase()
  return {
    hash,
    from: `hsl(${hue} 70% 38%)`,
    to: `hsl(${hue2} 75% 18%)`,
    accent: `hsl(${(hue + 180) % 360} 90% 70%)`,
    angle: (hash >>> 3) % 180,
    pattern: PATTERNS[(hash >>> 17) % PATTERNS.length],
    initials,
  }
}
