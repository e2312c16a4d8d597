import type { SearchTypes } from "@medusajs/framework/types"
import medusaPostgresSearch from "@medusajs/search-postgres"
// Types only (erased at runtime): the package's public export types its services loosely.
import type { PostgresSearchService as MedusaPostgresSearchService } from "@medusajs/search-postgres/dist/services/postgres-search"
import { highlightDocument, highlightSpec } from "./highlight"
import { readSynonyms, synonymsOf } from "./synonyms"
import { containsPattern, hasCjk, keywordTsQuery, queryTerms, type Fragment } from "./tsquery"
import { typoCorrections } from "./typos"
import { KSTORE_PG_SEARCH } from "./constants"

export type KstorePgSearchOptions = {
  /** Text search configuration (`medusa_search_<language>`, created by Medusa's provider migration). */
  language?: string
}

type DbManager = { execute: (sql: string, params?: unknown[]) => Promise<any[]> }

/** How long a process keeps an index's word list before reading it again (its own writes clear it). */
const LEXICON_TTL_MS = 30_000

/** What search() hands on to keywordFragments(): the query's spelling corrections. */
type WithTypos = SearchTypes.ProviderSearchQuery & { kstore_typos?: string[][] }

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

  /** The text search configuration Medusa's migration creates for the language. */
  protected readonly textConfig: string
  protected readonly db: DbManager
  protected readonly lexicons = new Map<string, { words: Set<string>; at: number }>()

  constructor(cradle: ConstructorParameters<typeof PostgresSearchService>[0], options: KstorePgSearchOptions = {}) {
    // Lakebase's BM25 ranks the raw query string, which synonyms cannot reach: native only.
    super(cradle, { language: options.language, engine: "native" })
    this.textConfig = `medusa_search_${this.normalizeLanguage(options.language ?? "english")}`
    this.db = cradle.manager
  }

  async listIndexes(): Promise<SearchTypes.SearchIndexInfo[]> {
    return (await super.listIndexes()).map((info) => ({ ...info, provider: KSTORE_PG_SEARCH }))
  }

  /**
   * The index's words (its tsvector lexemes), for spelling corrections: read with ts_stat and
   * kept briefly; this process's own writes drop them at once.
   */
  protected async lexicon(physicalName: string): Promise<Set<string>> {
    const known = this.lexicons.get(physicalName)
    if (known && Date.now() - known.at < LEXICON_TTL_MS) return known.words
    const catalog = await this.getCatalog(physicalName)
    if (!catalog) return new Set()
    const table = `"${String(catalog.table_name).replace(/"/g, '""')}"`
    const rows = await this.db.execute(`SELECT word FROM ts_stat(?)`, [`SELECT search_vector FROM ${table}`])
    const words = new Set<string>(rows.map((r: any) => String(r.word)))
    this.lexicons.set(physicalName, { words, at: Date.now() })
    return words
  }

  async upsertDocuments(input: Parameters<MedusaPostgresSearchService["upsertDocuments"]>[0]) {
    this.lexicons.clear()
    return await super.upsertDocuments(input)
  }

  async deleteDocuments(input: SearchTypes.SearchDeleteDocumentsInput) {
    this.lexicons.clear()
    return await super.deleteDocuments(input)
  }

  async clearIndex(input: { index: string }) {
    this.lexicons.clear()
    return await super.clearIndex(input)
  }

  async search(query: SearchTypes.ProviderSearchQuery): Promise<SearchTypes.SearchResult> {
    const q = query.q?.trim()
    const typos = q && typoApplies(q, query.search_options ?? {}, query.index.settings)
      ? typoCorrections(q, await this.lexicon(query.index.physical_name), query.index.settings)
      : []
    const input: WithTypos = typos.length ? { ...query, kstore_typos: typos } : query
    const options = input.search_options ?? {}
    if (!options.highlight || !q) return await super.search(input)
    // Medusa's provider refuses `highlight`; the query runs without it and the hits are marked here.
    const { highlight: _asked, ...rest } = options
    const searchable = rest.attributes_to_search_on ?? searchablePaths(input.index.fields)
    const spec = highlightSpec(options.highlight, searchable)
    const result = await super.search({ ...input, search_options: rest })
    const synonyms = [...readSynonyms(input.index.settings, KSTORE_PG_SEARCH), ...typos]
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
    // Synonyms and the spelling corrections search() found: both are words the tsquery ORs in.
    const tsquery = keywordTsQuery(q, {
      config: this.textConfig,
      strategy: options.match_strategy,
      synonyms: [...readSynonyms(query.index.settings, KSTORE_PG_SEARCH), ...((query as WithTypos).kstore_typos ?? [])],
    })
    const cjk = hasCjk(q)
    const put = (params: unknown[], fragment: Fragment) => {
      params.push(...fragment.params)
      return fragment.sql
    }

    const rankSql = (params: unknown[]) => `ts_rank_cd(${vectorExpr}, ${put(params, tsquery)})`
    const matchSql = (params: unknown[]) => {
      // Some fields only (a title typeahead): their vector is computed per row, so the stored
      // vector of every field, which holds theirs, picks the candidates through its GIN index first.
      const match = everyField
        ? `${vectorExpr} @@ ${put(params, tsquery)}`
        : `("search_vector" @@ ${put(params, tsquery)} AND ${vectorExpr} @@ ${put(params, tsquery)})`
      if (!cjk) return match
      params.push(containsPattern(q))
      return `(${match} OR ${textExpr} ILIKE ?)`
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
