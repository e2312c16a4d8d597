import type { SearchTypes } from "@medusajs/framework/types"
import { MedusaError } from "@medusajs/framework/utils"

/** Groups of interchangeable words: a query for any member matches what another one names. */
export type SynonymGroups = string[][]

/** "Role-Playing", "role playing" and "role_playing" are one key, whatever the script's width. */
export function normalizeTerm(term: string) {
  return term.normalize("NFKC").toLowerCase().replace(/[\s_-]+/g, " ").trim()
}

/**
 * The synonym groups an index declares for one provider (`settings.provider_options[id].synonyms`).
 * They live on the definition rather than in a table, so a change is versioned with the code and
 * changes the definition's hash, which rebuilds engines that bake synonyms into the index.
 */
export function readSynonyms(settings: SearchTypes.SearchIndexSettings | undefined, providerId: string): SynonymGroups {
  const raw = settings?.provider_options?.[providerId]?.synonyms
  if (raw === undefined) return []
  const valid = Array.isArray(raw) && raw.every((g) => Array.isArray(g) && g.every((t) => typeof t === "string" && t.trim()))
  if (!valid) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `settings.provider_options.${providerId}.synonyms must be a list of word lists`)
  }
  return raw as SynonymGroups
}

/** The other members of every group `term` belongs to (never `term` itself), in group order. */
export function synonymsOf(term: string, groups: SynonymGroups): string[] {
  const key = normalizeTerm(term)
  if (!key) return []
  const out: string[] = []
  for (const group of groups) {
    if (!group.some((t) => normalizeTerm(t) === key)) continue
    for (const t of group) if (normalizeTerm(t) !== key && !out.includes(t)) out.push(t)
  }
  return out
}
