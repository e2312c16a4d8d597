import type { SearchTypes } from "@medusajs/framework/types"
import { normalizeTerm, synonymsOf, type SynonymGroups } from "./synonyms"

/** A SQL fragment and the values of its `?` placeholders, in text order. */
export type Fragment = { sql: string; params: unknown[] }

/** A query never needs more words than this; the rest would only slow the tsquery down. */
const MAX_TERMS = 12

export function queryTerms(q: string) {
  return q.trim().split(/\s+/).filter(Boolean).slice(0, MAX_TERMS)
}

/** Hangul, kana and CJK ideographs: scripts whose words PostgreSQL's parser does not split. */
export function hasCjk(text: string) {
  return /[\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff\uff66-\uff9f]/.test(text)
}

const plain = (config: string, text: string): Fragment => ({
  sql: `plainto_tsquery('${config}', ?)`,
  params: [text],
})

/**
 * A prefix match of the word's last piece. The pieces are letters and digits only, so the text
 * handed to to_tsquery cannot carry its operators; the config still stems and drops stop words.
 */
const prefix = (config: string, text: string): Fragment => {
  const words = text.split(/[^\p{L}\p{N}]+/u).filter(Boolean)
  if (!words.length) return plain(config, text)
  const last = words.length - 1
  return {
    sql: `to_tsquery('${config}', ?)`,
    params: [words.map((w, i) => (i === last ? `${w}:*` : w)).join(" & ")],
  }
}

const anyOf = (parts: Fragment[]): Fragment => ({
  sql: parts.length === 1 ? parts[0].sql : `(${parts.map((p) => p.sql).join(" || ")})`,
  params: parts.flatMap((p) => p.params),
})

/**
 * The tsquery of a free-text query with its synonyms: each word matches itself or any of its
 * synonyms (`rpg` → `rpg | role-playing`), the words combine by the match strategy, and a query
 * that is as a whole a synonym (`first-person shooter`) also matches its group. Medusa's native
 * provider turns the raw query into one plainto_tsquery and has no synonyms, which is why this
 * provider builds its own.
 */
export function keywordTsQuery(
  q: string,
  opts: { config: string; strategy?: SearchTypes.SearchMatchStrategy; synonyms: SynonymGroups }
): Fragment {
  const terms = queryTerms(q)
  const strategy = opts.strategy ?? "all"
  const pieces = terms.map((term, i) => {
    const asPrefix = strategy === "last" && i === terms.length - 1
    const alternatives = [term, ...synonymsOf(term, opts.synonyms)]
    return anyOf(alternatives.map((a) => (asPrefix && a === term ? prefix(opts.config, a) : plain(opts.config, a))))
  })
  const joiner = strategy === "any" ? " || " : " && "
  let body: Fragment = {
    sql: pieces.length === 1 ? pieces[0].sql : `(${pieces.map((p) => p.sql).join(joiner)})`,
    params: pieces.flatMap((p) => p.params),
  }
  if (terms.length > 1) {
    const whole = synonymsOf(normalizeTerm(q), opts.synonyms)
    if (whole.length) body = anyOf([body, ...whole.map((w) => plain(opts.config, w))])
  }
  return body
}

/** `%text%` for ILIKE, with the pattern characters of the text itself taken literally. */
export function containsPattern(text: string) {
  return `%${text.replace(/[\\%_]/g, "\\$&")}%`
}
