import type { SearchTypes } from "@medusajs/framework/types"
import { hasCjk, queryTerms } from "./tsquery"
import { normalizeTerm, type SynonymGroups } from "./synonyms"

/** At most this many spellings stand in for one misspelled word. */
const MAX_CORRECTIONS = 5

/**
 * Edits between two words (insert, delete, substitute, swap two neighbours), counted up to
 * `max`: anything further is `max + 1`, which is all a typo check needs to know.
 */
export function editDistance(a: string, b: string, max: number) {
  if (Math.abs(a.length - b.length) > max) return max + 1
  let prevPrev: number[] = []
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const row = [i]
    let best = i
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let d = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prevPrev[j - 2] + 1)
      row.push(d)
      best = Math.min(best, d)
    }
    if (best > max) return max + 1
    prevPrev = prev
    prev = row
  }
  return Math.min(prev[b.length], max + 1)
}

/**
 * The index's own words near each misspelled query word, as synonym groups the tsquery ORs in:
 * "wticher" also matches "witcher". Like Meilisearch: a word the index holds is never corrected,
 * a word of `min_word_size_for_one_typo` letters may be one edit off, of
 * `min_word_size_for_two_typos` two. The words come from the index (its lexemes), so a correction
 * is always one the GIN index can answer — a trigram scan of every document is not needed.
 */
export function typoCorrections(
  q: string,
  lexicon: ReadonlySet<string>,
  settings: SearchTypes.SearchIndexSettings | undefined
): SynonymGroups {
  const tolerance = settings?.typo_tolerance
  if (tolerance?.enabled === false) return []
  const one = tolerance?.min_word_size_for_one_typo ?? 5
  const two = tolerance?.min_word_size_for_two_typos ?? 9
  const groups: SynonymGroups = []
  for (const term of queryTerms(q)) {
    const word = normalizeTerm(term)
    if (hasCjk(word) || !/^[\p{L}\p{N}]+$/u.test(word) || /^\p{N}+$/u.test(word) || lexicon.has(word)) continue
    const length = [...word].length
    const allowed = length >= two ? 2 : length >= one ? 1 : 0
    if (!allowed) continue
    const near: [string, number][] = []
    for (const candidate of lexicon) {
      const d = editDistance(word, candidate, allowed)
      if (d <= allowed) near.push([candidate, d])
    }
    if (!near.length) continue
    near.sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]))
    groups.push([term, ...near.slice(0, MAX_CORRECTIONS).map(([w]) => w)])
  }
  return groups
}
