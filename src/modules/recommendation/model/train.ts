import type { Embedding } from "./embed"
import type { Reranker } from "./rerank"
import { DEFAULT_TRAIN, Id, Interaction, TrainOptions } from "./types"

type Row = Map<number, number>

export interface UserSeq {
  index: number
  items: number[]
  weights: number[]
  seen: Set<number>
}

/**
 * Item-to-item statistics learnt from users' ordered histories. Everything is additive, so
 * `addInteraction` on a live model gives exactly the state a full retrain would give for the
 * same events in the same order; the store can feed events as they happen.
 */
export class RecModel {
  readonly opts: TrainOptions
  /** Bumped on every change so derived caches (powers of counts, priors) know to rebuild. */
  version = 0

  // Internal, shared with score.ts / similar.ts. Dense indices 0..size-1.
  ids: Id[] = []
  count: Float64Array<ArrayBuffer> = new Float64Array(256)
  recent: Float64Array<ArrayBuffer> = new Float64Array(256)
  maxCount = 0
  maxRecent = 0
  /** trans[a].get(b): decayed count of "b came after a" within `window` steps. */
  trans: Row[] = []
  /** next[a].get(b): weighted count of "b came directly after a" (distance 1 only). */
  next: Row[] = []
  /** co[a].get(b) == co[b].get(a): decayed count of a and b in one user's history. */
  co: Row[] = []
  /** Bumped when an item's co-occurrence row changes; lets per-item caches go stale lazily. */
  rowStamp = new Int32Array(256)

  /** Optional low-rank view of `co`; not updated by addInteraction (rebuild it periodically). */
  embedding?: Embedding

  /** Optional second stage (rerank.ts): `recommend` reorders its top candidates with it. */
  reranker?: Reranker

  /** Users by dense index, and per item the users who have it (oldest first): user-kNN. */
  userSeqs: UserSeq[] = []
  itemUsers: number[][] = []

  private index = new Map<Id, number>()
  private users = new Map<Id, UserSeq>()
  private caches = new Map<string, Float64Array>()
  private cacheVersion = -1

  constructor(opts: Partial<TrainOptions> = {}) {
    this.opts = { ...DEFAULT_TRAIN, ...opts }
  }

  get size(): number {
    return this.ids.length
  }

  indexOf(item: Id): number | undefined {
    return this.index.get(item)
  }

  /** The user's distinct items, oldest first, as the model saw them. */
  history(user: Id): Id[] {
    const seq = this.users.get(user)
    return seq ? seq.items.map((i) => this.ids[i]) : []
  }

  addInteraction(event: Interaction): void {
    const w = event.weight ?? 1
    if (!(w > 0)) return
    const idx = this.intern(event.item)
    let seq = this.users.get(event.user)
    if (!seq) {
      seq = { index: this.userSeqs.length, items: [], weights: [], seen: new Set() }
      this.users.set(event.user, seq)
      this.userSeqs.push(seq)
    }
    this.version++
    this.count[idx] += w
    if (this.count[idx] > this.maxCount) this.maxCount = this.count[idx]
    // A repeat (view, then purchase) is more evidence the item is liked, but pairing it
    // again would count the same neighbours twice.
    if (seq.seen.has(idx)) return

    const { window, stepDecay, coWindow, coStepDecay, recentWindow } = this.opts
    const n = seq.items.length
    const reach = Math.min(n, Math.max(window, coWindow))
    let tDecay = 1
    let cDecay = 1
    for (let d = 1; d <= reach; d++) {
      const prev = seq.items[n - d]
      const pw = Math.sqrt(w * seq.weights[n - d])
      if (d === 1) bump(this.next[prev], idx, pw)
      if (d <= window) bump(this.trans[prev], idx, pw * tDecay)
      if (d <= coWindow) {
        bump(this.co[prev], idx, pw * cDecay)
        bump(this.co[idx], prev, pw * cDecay)
        this.rowStamp[prev]++
      }
      tDecay *= stepDecay
      cDecay *= coStepDecay
    }

    this.rowStamp[idx]++
    this.itemUsers[idx].push(seq.index)
    seq.items.push(idx)
    seq.weights.push(w)
    seq.seen.add(idx)
    this.recent[idx] += w
    if (this.recent[idx] > this.maxRecent) this.maxRecent = this.recent[idx]
    if (seq.items.length > recentWindow) {
      const old = seq.items.length - 1 - recentWindow
      this.recent[seq.items[old]] -= seq.weights[old]
    }
  }

  /** Per-item array derived from counts, rebuilt only after the model changed. */
  cached(key: string, build: () => Float64Array): Float64Array {
    if (this.cacheVersion !== this.version) {
      this.caches.clear()
      this.cacheVersion = this.version
    }
    let hit = this.caches.get(key)
    if (!hit) {
      hit = build()
      this.caches.set(key, hit)
    }
    return hit
  }

  private intern(item: Id): number {
    let idx = this.index.get(item)
    if (idx !== undefined) return idx
    idx = this.ids.length
    this.ids.push(item)
    this.index.set(item, idx)
    this.trans.push(new Map())
    this.next.push(new Map())
    this.co.push(new Map())
    this.itemUsers.push([])
    if (idx >= this.count.length) {
      this.count = grow(this.count)
      this.recent = grow(this.recent)
      const st = new Int32Array(this.rowStamp.length * 2)
      st.set(this.rowStamp)
      this.rowStamp = st
    }
    return idx
  }
}

function bump(row: Row, key: number, by: number): void {
  row.set(key, (row.get(key) ?? 0) + by)
}

function grow(a: Float64Array): Float64Array<ArrayBuffer> {
  const b = new Float64Array(a.length * 2)
  b.set(a)
  return b
}

/**
 * Builds a model from a batch. Events are replayed in time order when timestamps exist; the
 * sort is stable, so untimed events keep the caller's order (which must then be per-user
 * chronological).
 */
export function train(events: Iterable<Interaction>, opts: Partial<TrainOptions> = {}): RecModel {
  let list = Array.from(events)
  if (list.some((e) => e.at !== undefined)) {
    list = list
      .map((e, i) => ({ e, i }))
      .sort((x, y) => (x.e.at ?? 0) - (y.e.at ?? 0) || x.i - y.i)
      .map((x) => x.e)
  }
  const model = new RecModel(opts)
  for (const e of list) model.addInteraction(e)
  return model
}
