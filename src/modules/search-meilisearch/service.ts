import type { Logger, SearchTypes } from "@medusajs/framework/types"
import { AbstractSearchProviderService, extractPrimaryKeyFilter, MedusaError } from "@medusajs/framework/utils"
import { MeiliClient, type MeiliTask } from "./client"
import { KSTORE_MEILISEARCH } from "./constants"
import { compileFilter, toMillis } from "./filters"
import { searchBody, toResult } from "./query"
import { leafFields, meiliSettings } from "./settings"

export type MeilisearchOptions = { host: string; api_key?: string; timeout_ms?: number }

const enc = encodeURIComponent

/**
 * Meilisearch behind Medusa's Search Module. Writes are Meilisearch tasks: they return `enqueued`
 * and the module waits on them through `waitForTask` (the Search Module treats its presence as
 * "this engine applies writes later").
 */
export class MeilisearchSearchService extends AbstractSearchProviderService {
  static identifier = KSTORE_MEILISEARCH

  protected readonly client_: MeiliClient
  protected readonly logger_?: Logger

  constructor({ logger }: { logger?: Logger }, options: MeilisearchOptions) {
    super()
    if (!options?.host) {
      throw new MedusaError(MedusaError.Types.INVALID_ARGUMENT, "The Meilisearch search provider needs a host (MEILISEARCH_HOST)")
    }
    this.logger_ = logger
    this.client_ = new MeiliClient({ host: options.host, apiKey: options.api_key, timeoutMs: options.timeout_ms })
  }

  private task(index: string, task: MeiliTask): SearchTypes.SearchTask {
    return { id: String(task.taskUid), index, status: "enqueued" }
  }

  /** Creates the index when missing, then applies the definition's settings; waits for both. */
  async upsertIndex({ index }: { index: SearchTypes.ResolvedSearchIndexDefinition }): Promise<SearchTypes.SearchTask> {
    const uid = index.physical_name
    const settings = meiliSettings(index, KSTORE_MEILISEARCH)
    try {
      await this.client_.request("GET", `/indexes/${enc(uid)}`)
    } catch (e: any) {
      if (e?.type !== MedusaError.Types.NOT_FOUND) throw e
      const created = await this.client_.request<MeiliTask>("POST", "/indexes", { uid, primaryKey: index.primary_key })
      const done = await this.client_.waitForTask(created.taskUid)
      if (done.status !== "succeeded" && done.error?.code !== "index_already_exists") return this.failed(uid, done)
    }
    const updated = await this.client_.request<MeiliTask>("PATCH", `/indexes/${enc(uid)}/settings`, settings)
    const done = await this.client_.waitForTask(updated.taskUid)
    return done.status === "succeeded" ? { index: uid, status: "succeeded" } : this.failed(uid, done)
  }

  private failed(index: string, task: { uid: number; error?: { message: string; code?: string } | null }): SearchTypes.SearchTask {
    return {
      id: String(task.uid),
      index,
      status: "failed",
      error: { message: task.error?.message ?? "Meilisearch task failed", code: task.error?.code },
    }
  }

  async deleteIndex({ index }: { index: string }): Promise<SearchTypes.SearchTask> {
    try {
      return this.task(index, await this.client_.request<MeiliTask>("DELETE", `/indexes/${enc(index)}`))
    } catch (e: any) {
      if (e?.type === MedusaError.Types.NOT_FOUND) return { index, status: "succeeded" }
      throw e
    }
  }

  async listIndexes(): Promise<SearchTypes.SearchIndexInfo[]> {
    const [list, stats] = await Promise.all([
      this.client_.request<{ results: any[] }>("GET", "/indexes?limit=1000"),
      this.client_.request<{ indexes?: Record<string, { numberOfDocuments: number }> }>("GET", "/stats"),
    ])
    return (list.results ?? []).map((i) => ({
      name: i.uid,
      provider: KSTORE_MEILISEARCH,
      document_count: Number(stats.indexes?.[i.uid]?.numberOfDocuments ?? 0),
      created_at: i.createdAt ? new Date(i.createdAt) : undefined,
      updated_at: i.updatedAt ? new Date(i.updatedAt) : undefined,
    }))
  }

  /** Date fields are written as epoch milliseconds, the only dates Meilisearch can range-filter. */
  async upsertDocuments({
    index,
    definition,
    documents,
  }: {
    index: string
    definition: SearchTypes.ResolvedSearchIndexDefinition
    documents: SearchTypes.SearchDocument[]
  }): Promise<SearchTypes.SearchTask> {
    const dates = [...leafFields(definition.fields)].filter(([p, f]) => f.type === "date" && !p.includes(".")).map(([p]) => p)
    const docs = documents.map((d) => {
      const copy: Record<string, unknown> = { ...d }
      for (const p of dates) if (copy[p] !== undefined) copy[p] = toMillis(copy[p])
      return copy
    })
    const path = `/indexes/${enc(index)}/documents?primaryKey=${enc(definition.primary_key)}`
    return this.task(index, await this.client_.request<MeiliTask>("POST", path, docs))
  }

  async deleteDocuments({ index, filters }: SearchTypes.SearchDeleteDocumentsInput): Promise<SearchTypes.SearchTask> {
    // A delete names the physical index only, not its definition: every kstore index is keyed by `id`.
    const ids = extractPrimaryKeyFilter(filters, { primary_key: "id" })
    if (ids) {
      if (!ids.length) return { index, status: "succeeded" }
      return this.task(index, await this.client_.request<MeiliTask>("POST", `/indexes/${enc(index)}/documents/delete-batch`, ids))
    }
    // Without the definition the fields' types are unknown, so values are compared as given.
    const filter = compileFilter(filters, () => ({ type: "keyword" }))
    return this.task(index, await this.client_.request<MeiliTask>("POST", `/indexes/${enc(index)}/documents/delete`, { filter }))
  }

  async clearIndex({ index }: { index: string }): Promise<SearchTypes.SearchTask> {
    return this.task(index, await this.client_.request<MeiliTask>("DELETE", `/indexes/${enc(index)}/documents`))
  }

  async search(input: SearchTypes.ProviderSearchQuery): Promise<SearchTypes.SearchResult> {
    const raw = await this.client_.request("POST", `/indexes/${enc(input.index.physical_name)}/search`, searchBody(input))
    return toResult(raw, input)
  }

  /** One round trip for the base query and the disjunctive facet queries the module adds. */
  async searchMany(inputs: SearchTypes.ProviderSearchQuery[]): Promise<SearchTypes.SearchResult[]> {
    if (inputs.length === 1) return [await this.search(inputs[0])]
    const { results } = await this.client_.request<{ results: any[] }>("POST", "/multi-search", {
      queries: inputs.map((input) => ({ indexUid: input.index.physical_name, ...searchBody(input) })),
    })
    return results.map((raw, i) => toResult(raw, inputs[i]))
  }

  async waitForTask(task: SearchTypes.SearchTask, options?: { timeout_ms?: number }): Promise<SearchTypes.SearchTask> {
    if (!task.id) return task
    const done = await this.client_.waitForTask(Number(task.id), options?.timeout_ms)
    return done.status === "succeeded" ? { ...task, status: "succeeded" } : this.failed(task.index ?? "", done)
  }
}
