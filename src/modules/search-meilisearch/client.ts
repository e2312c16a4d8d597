import { MedusaError } from "@medusajs/framework/utils"

/** What Meilisearch answers to a write: it is applied later, by task. */
export type MeiliTask = { taskUid: number; indexUid?: string | null; status: string }
export type MeiliTaskState = { uid: number; status: string; error?: { message: string; code?: string } | null }

export type MeiliClientOptions = { host: string; apiKey?: string; timeoutMs?: number }

/**
 * A thin client of Meilisearch's HTTP API on Node's fetch: the calls the provider makes and nothing
 * more, so the provider needs no SDK. Errors keep Meilisearch's message and code; a missing index
 * is NOT_FOUND, which the Search Module reads as "the active version moved, resolve it again".
 */
export class MeiliClient {
  readonly host: string
  private readonly apiKey?: string
  private readonly timeoutMs: number

  constructor({ host, apiKey, timeoutMs = 10_000 }: MeiliClientOptions) {
    if (!/^https?:\/\//.test(host)) {
      throw new MedusaError(MedusaError.Types.INVALID_ARGUMENT, `MEILISEARCH_HOST must be an http(s) URL, got '${host}'`)
    }
    this.host = host.replace(/\/+$/, "")
    this.apiKey = apiKey || undefined
    this.timeoutMs = timeoutMs
  }

  async request<T = any>(method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE", path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: "application/json" }
    if (body !== undefined) headers["content-type"] = "application/json"
    if (this.apiKey) headers.authorization = `Bearer ${this.apiKey}`
    let res: Response
    try {
      res = await fetch(this.host + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      })
    } catch (e: any) {
      throw new MedusaError(MedusaError.Types.UNEXPECTED_STATE, `Meilisearch is unreachable at ${this.host}: ${e?.message ?? e}`)
    }
    const text = await res.text()
    const json = text ? safeJson(text) : undefined
    if (res.ok) return json as T
    const code = json?.code as string | undefined
    const message = `Meilisearch ${method} ${path} failed (${res.status}${code ? ` ${code}` : ""}): ${json?.message ?? text}`
    const type =
      res.status === 404 ? MedusaError.Types.NOT_FOUND
      : res.status === 400 ? MedusaError.Types.INVALID_DATA
      : MedusaError.Types.UNEXPECTED_STATE
    throw new MedusaError(type, message, code)
  }

  /** Polls a task until Meilisearch has applied it (or failed it), at most `timeoutMs`. */
  async waitForTask(uid: number, timeoutMs = 30_000): Promise<MeiliTaskState> {
    const until = Date.now() + timeoutMs
    let delay = 20
    for (;;) {
      const task = await this.request<MeiliTaskState>("GET", `/tasks/${uid}`)
      if (["succeeded", "failed", "canceled"].includes(task.status)) return task
      if (Date.now() > until) return { uid, status: "failed", error: { message: `Task ${uid} not done after ${timeoutMs} ms` } }
      await new Promise((r) => setTimeout(r, delay))
      delay = Math.min(delay * 2, 500)
    }
  }
}

function safeJson(text: string): any {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}
