import type { SearchTypes } from "@medusajs/framework/types"
import { MedusaError } from "@medusajs/framework/utils"
import { compileFilter, toMillis } from "./filters"
import { leafFields } from "./settings"
import { KSTORE_MEILISEARCH } from "./constants"

type Field = SearchTypes.SearchFieldDefinition

const refuse = (message: string): never => {
  throw new MedusaError(MedusaError.Types.NOT_ALLOWED, message)
}

/** The facet requests of a query, shorthand expanded. */
function facetRequests(input: SearchTypes.ProviderSearchQuery) {
  return (input.search_options?.facets ?? []).map(
    (f): SearchTypes.SearchFacetRequest => (typeof f === "string" ? { field: f, type: "value" } : f)
  )
}

/**
 * The body of `POST /indexes/:uid/search` for a provider query. What Meilisearch cannot express
 * is refused, never approximated: "any" matching, range facets, facet value search, an explicit
 * `typo_tolerance: false` (its typo tolerance is per index), cursors, vectors, relevance ascending.
 */
export function searchBody(input: SearchTypes.ProviderSearchQuery) {
  const options = input.search_options ?? {}
  const fields = leafFields(input.index.fields)
  if (options.vector) refuse("The Meilisearch provider does not run vector queries")
  if (input.pagination?.cursor !== undefined) refuse("The Meilisearch provider does not support cursor pagination")
  if (options.match_strategy === "any") refuse('The Meilisearch provider has no "any" matching strategy')
  if (options.typo_tolerance === false && input.index.settings.typo_tolerance?.enabled !== false) {
    refuse("Meilisearch's typo tolerance is set per index; it cannot be turned off for one query")
  }
  const skip = input.pagination?.skip ?? 0
  const take = input.pagination?.take ?? 20
  const body: Record<string, unknown> = {
    q: input.q ?? "",
    matchingStrategy: options.match_strategy ?? "all",
    attributesToRetrieve: [...new Set([input.index.primary_key, ...input.attributes_to_retrieve])],
  }
  if (options.count === "exact") {
    if (take === 0 || skip % take) refuse('An "exact" count on Meilisearch needs an offset that is a multiple of the page size')
    Object.assign(body, { hitsPerPage: take, page: skip / take + 1 })
  } else {
    Object.assign(body, { offset: skip, limit: take })
  }
  const filter = compileFilter(input.filters, (path) => fields.get(path))
  if (filter) body.filter = filter
  const sort = Object.entries(input.pagination?.order ?? {}).flatMap(([path, dir]) => {
    if (path === "_score") return dir === "DESC" ? [] : refuse("Meilisearch cannot order by ascending relevance")
    return [`${path}:${dir === "ASC" ? "asc" : "desc"}`]
  })
  if (sort.length) body.sort = sort
  const facets = facetRequests(input)
  for (const f of facets) {
    if (f.type === "range") refuse(`The Meilisearch provider does not compute range facets ("${f.field}")`)
    if ("query" in f && f.query) refuse("Facet value search is a separate Meilisearch endpoint; facet queries are not supported")
  }
  if (facets.length) body.facets = [...new Set(facets.map((f) => f.field))]
  if (options.attributes_to_search_on) body.attributesToSearchOn = options.attributes_to_search_on
  if (options.distinct) body.distinct = options.distinct
  if (options.include_score || options.min_score !== undefined) body.showRankingScore = true
  if (options.min_score !== undefined) body.rankingScoreThreshold = options.min_score
  if (options.locales?.length) body.locales = options.locales
  if (options.highlight && input.q?.trim()) {
    const h: Partial<SearchTypes.SearchHighlightOptions> = options.highlight === true ? {} : options.highlight
    body.attributesToHighlight = h.fields ?? ["*"]
    body.highlightPreTag = h.pre_tag ?? "<mark>"
    body.highlightPostTag = h.post_tag ?? "</mark>"
    if (h.snippet) {
      body.attributesToCrop = h.fields ?? ["*"]
      if (typeof h.snippet === "object") body.cropLength = h.snippet.length
    }
  }
  Object.assign(body, options.provider_options?.[KSTORE_MEILISEARCH] ?? {})
  return body
}

/** Date fields back to ISO strings, so a hit reads the same on every provider. */
function restoreDates(doc: Record<string, unknown>, fields: Map<string, Field>) {
  for (const [path, field] of fields) {
    if (field.type !== "date" || path.includes(".")) continue
    const ms = toMillis(doc[path])
    if (ms !== null) doc[path] = new Date(ms).toISOString()
  }
  return doc
}

/** A Meilisearch search answer as the Search Module's result. */
export function toResult(raw: any, input: SearchTypes.ProviderSearchQuery): SearchTypes.SearchResult {
  const options = input.search_options ?? {}
  const fields = leafFields(input.index.fields)
  const highlightFields =
    options.highlight === true ? [...fields.keys()] : options.highlight ? options.highlight.fields : []
  const hits = (raw.hits ?? []).map((hit: any) => {
    const { _formatted, _rankingScore, _matchesPosition, ...document } = hit
    const out: SearchTypes.SearchHit = {
      id: String(document[input.index.primary_key]),
      document: restoreDates(document, fields),
    }
    if (options.include_score) out.score = _rankingScore
    if (_formatted && input.q?.trim()) {
      const highlights: Record<string, string[]> = {}
      for (const path of highlightFields) {
        const v = _formatted[path]
        const texts = (Array.isArray(v) ? v : [v]).filter((x: unknown): x is string => typeof x === "string")
        if (texts.length) highlights[path] = texts
      }
      out.highlights = highlights
    }
    return out
  })
  const count = options.count === "none" ? null : Number(raw.totalHits ?? raw.estimatedTotalHits ?? hits.length)
  let facets: Record<string, SearchTypes.SearchFacetResult> | undefined
  for (const f of facetRequests(input)) {
    facets ??= {}
    if (f.type === "stats") {
      const stats = raw.facetStats?.[f.field]
      facets[f.field] = { type: "stats", min: Number(stats?.min ?? 0), max: Number(stats?.max ?? 0), count: count ?? 0 }
      continue
    }
    const distribution: Record<string, number> = raw.facetDistribution?.[f.field] ?? {}
    const values = Object.entries(distribution)
      .map(([value, n]) => ({ value, count: Number(n) }))
      .sort((a, b) =>
        f.type === "value" && f.sort === "alpha" ? a.value.localeCompare(b.value) : b.count - a.count || a.value.localeCompare(b.value)
      )
    facets[f.field] = { type: "value", values: values.slice(0, (f.type === "value" && f.limit) || 10) }
  }
  return {
    hits,
    facets,
    metadata: {
      skip: input.pagination?.skip ?? 0,
      take: input.pagination?.take ?? 20,
      count,
      query: input.q,
      processing_time_ms: raw.processingTimeMs,
    },
  }
}
