import type { SearchTypes } from "@medusajs/framework/types"
import { MedusaError } from "@medusajs/framework/utils"
import medusaPostgresSearch from "@medusajs/search-postgres"
// Types only (erased at runtime): the package's public export types its services loosely.
import type { PostgresSearchService as MedusaPostgresSearchService } from "@medusajs/search-postgres/dist/services/postgres-search"
import { highlightDocument, highlightSpec } from "./highlight"
import { readSynonyms, synonymsOf } from "./synonyms"
import { containsPattern, hasCjk, keywordTsQuery, queryTerms, type Fragment } from "./tsquery"
import { KSTORE_PG_SEARCH } from "./constants"

export type KstorePgSearchOptions = {
  /** Text search configuration (`medusa_search_<language>`, created by Medusa's provider migration). */
  language?: string
  /** pg_trgm word similarity a misspelled query needs to reach (0–1). */
  typo_threshold?: number
}

/**
 * Medusa's provider class, from the package's public provider export (the `services` a Medusa
 * provider package exports), so this subclass does not depend on where the package keeps its files.
 */
const PostgresSearchService = medusaPostgresSearch.services[0] as typeof MedusaPostgresSearchService

type Plan = { searchable: string[]; fields: Map<string, any> }
type Fragments = {
  q?: string
  needsBm25Limit: boolean
  rankSql: (params: unknown[]) => string
  matchSql?: (params: unknown[]) => string
}

/**
 * Medusa's native PostgreSQL provider (tsvector + pg_trgm over its own document tables) with what
 * a game store's search needs and it lacks: synonyms, typo tolerance that honours the index's
 * word-size settings, substring matching for Korean and Japanese, and highlighting. Everything
 * else — tables, writes, filters, facets, sorting, counts — is Medusa's, through the provider
 * interface; only the keyword match and the hits' highlights are replaced.
 */
export class KstorePostgresSearchService extends PostgresSearchService {
  static identifier = KSTORE_PG_SEARCH

  protected readonly typoThreshold_: number
  /** The text search configuration Medusa's migration creates for the language. */
  protected readonly textConfig: string

  constructor(cradle: ConstructorParameters<typeof PostgresSearchService>[0], options: KstorePgSearchOptions = {}) {
    // Lakebase's BM25 ranks the raw query string, which synonyms cannot reach: native only.
    super(cradle, { language: options.language, engine: "native" })
    this.textConfig = `medusa_search_${this.normalizeLanguage(options.language ?? "english")}`
    const threshold = options.typo_threshold ?? 0.4
    if (!(threshold > 0 && threshold < 1)) {
      throw new MedusaError(MedusaError.Types.INVALID_ARGUMENT, "typo_threshold must be between 0 and 1")
    }
    this.typoThreshold_ = threshold
  }

  async listIndexes(): Promise<SearchTypes.SearchIndexInfo[]> {
    return (await super.listIndexes()).map((info) => ({ ...info, provider: KSTORE_PG_SEARCH }))
  }

  async search(input: SearchTypes.ProviderSearchQuery): Promise<SearchTypes.SearchResult> {
    const options = input.search_options ?? {}
    const q = input.q?.trim()
    if (!options.highlight || !q) return await super.search(input)
    // Medusa's provider refuses `highlight`; the query runs without it and the hits are marked here.
    const { highlight: _asked, ...rest } = options
    const searchable = rest.attributes_to_search_on ?? searchablePaths(input.index.fields)
    const spec = highlightSpec(options.highlight, searchable)
    const result = await super.search({ ...input, search_options: rest })
    const synonyms = readSynonyms(input.index.settings, KSTORE_PG_SEARCH)
    const terms = queryTerms(q).flatMap((t) => [t, ...synonymsOf(t, synonyms)])
    return {
      ...result,
      hits: result.hits.map((hit) => ({ ...hit, highlights: highlightDocument(hit.document, spec, terms) })),
    }
  }

  /** The match and rank of a free-text query, which facets and counts share with the hits. */
  protected keywordFragments(input: { query: SearchTypes.ProviderSearchQuery; catalog: { plan: Plan } }): Fragments {
    const { query, catalog } = input
    const plan = catalog.plan
    const options = query.search_options ?? {}
    const q = query.q?.trim() || undefined
    if (!q) return { q, needsBm25Limit: false, rankSql: () => "0::float4" }

    const searchOn = options.attributes_to_search_on ?? plan.searchable
    const everyField = searchOn.length === plan.searchable.length && searchOn.every((p) => plan.searchable.includes(p))
    const vectorExpr = everyField ? `"search_vector"` : this.onTheFlyVectorExpr(searchOn, plan as any)
    const textExpr = everyField ? `"search_text"` : this.onTheFlyTextExpr(searchOn)
    const tsquery = keywordTsQuery(q, {
      config: this.textConfig,
      strategy: options.match_strategy,
      synonyms: readSynonyms(query.index.settings, KSTORE_PG_SEARCH),
    })
    const typo = typoApplies(q, options, query.index.settings)
    const cjk = hasCjk(q)
    const put = (params: unknown[], fragment: Fragment) => {
      params.push(...fragment.params)
      return fragment.sql
    }

    const rankSql = (params: unknown[]) => {
      const base = `ts_rank_cd(${vectorExpr}, ${put(params, tsquery)})`
      if (!typo) return base
      params.push(q)
      return `GREATEST(${base}, word_similarity(?, ${textExpr}))`
    }
    const matchSql = (params: unknown[]) => {
      const parts = [`${vectorExpr} @@ ${put(params, tsquery)}`]
      if (typo) {
        params.push(q)
        parts.push(`word_similarity(?, ${textExpr}) > ${this.typoThreshold_.toFixed(3)}`)
      }
      if (cjk) {
        params.push(containsPattern(q))
        parts.push(`${textExpr} ILIKE ?`)
      }
      return parts.length === 1 ? parts[0] : `(${parts.join(" OR ")})`
    }
    return { q, needsBm25Limit: false, rankSql, matchSql }
  }
}

/** Top-level searchable fields of a definition, in declaration order. */
function searchablePaths(fields: Record<string, SearchTypes.SearchFieldDefinition>) {
  return Object.entries(fields)
    .filter(([, f]) => f.searchable === true || typeof f.searchable === "object")
    .map(([path]) => path)
}

/**
 * Typos are a query's preference (`search_options.typo_tolerance`) within what the index allows:
 * off when the index turns them off, and only for a query with a word at least
 * `min_word_size_for_one_typo` long, as Meilisearch counts it.
 */
export function typoApplies(
  q: string,
  options: SearchTypes.SearchOptions,
  settings: SearchTypes.SearchIndexSettings | undefined
) {
  const tolerance = settings?.typo_tolerance
  if (!options.typo_tolerance || tolerance?.enabled === false) return false
  const minimum = tolerance?.min_word_size_for_one_typo ?? 5
  return queryTerms(q).some((t) => [...t].length >= minimum)
}
