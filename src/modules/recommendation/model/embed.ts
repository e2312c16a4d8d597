import { rng } from "./evaluation"
import type { RecModel } from "./train"
import type { ScoreOptions } from "./types"
import { recencyWeights } from "./weights"

/**
 * Low-rank approximation of the normalised co-occurrence matrix A = D^-a C D^-a, as
 * A ~ Q B Q^T with Q orthonormal (n x dim) and B = Q^T A Q. Unlike the sparse neighbour
 * lists it gives every item pair a value, so a target that never co-occurred with the
 * history (typically a niche game) can still be reached through shared taste.
 */
export interface Embedding {
  dim: number
  size: number
  /** Row-major n x dim. */
  q: Float64Array
  /** dim x dim, symmetric. */
  b: Float64Array
}

export interface EmbedOptions {
  dim: number
  iterations: number
  /** Degree normalisation exponent a above (0.5 = symmetric cosine-like). */
  norm: number
  /** Compress co-occurrence counts with log1p first, so a few heavy users do not dominate. */
  logCounts: boolean
  seed: number
}

export const DEFAULT_EMBED: EmbedOptions = { dim: 96, iterations: 5, norm: 0.3, logCounts: false, seed: 7 }

/** Subspace (block power) iteration: a few sparse products, no dense n x n matrix. */
export function buildEmbedding(model: RecModel, opts: Partial<EmbedOptions> = {}): Embedding {
  const { dim, iterations, norm, logCounts, seed } = { ...DEFAULT_EMBED, ...opts }
  const n = model.size
  const k = Math.min(dim, n)
  const scale = new Float64Array(n)
  for (let i = 0; i < n; i++) scale[i] = model.count[i] > 0 ? Math.pow(model.count[i], -norm) : 0
  // CSR copy of the normalised matrix: the products below run over it many times.
  let nnz = 0
  for (let i = 0; i < n; i++) nnz += model.co[i].size
  const ptr = new Int32Array(n + 1)
  const col = new Int32Array(nnz)
  const val = new Float64Array(nnz)
  for (let i = 0, p = 0; i < n; i++) {
    ptr[i] = p
    for (const [j, v] of model.co[i]) {
      col[p] = j
      val[p++] = (logCounts ? Math.log1p(v) : v) * scale[i] * scale[j]
    }
    ptr[i + 1] = p
  }
  const mul = (x: Float64Array, out: Float64Array) => {
    out.fill(0)
    for (let i = 0; i < n; i++) {
      const oi = i * k
      for (let p = ptr[i]; p < ptr[i + 1]; p++) {
        const xj = col[p] * k
        const v = val[p]
        for (let c = 0; c < k; c++) out[oi + c] += v * x[xj + c]
      }
    }
  }
  const rand = rng(seed)
  let q = new Float64Array(n * k)
  for (let i = 0; i < q.length; i++) q[i] = rand() - 0.5
  orthonormalise(q, n, k)
  let z = new Float64Array(n * k)
  for (let it = 0; it < iterations; it++) {
    mul(q, z)
    const t = q
    q = z
    z = t
    orthonormalise(q, n, k)
  }
  mul(q, z)
  const b = new Float64Array(k * k)
  for (let i = 0; i < n; i++)
    for (let r = 0; r < k; r++) {
      const qr = q[i * k + r]
      if (qr === 0) continue
      for (let c = 0; c < k; c++) b[r * k + c] += qr * z[i * k + c]
    }
  return { dim: k, size: n, q, b }
}

/** Modified Gram-Schmidt over the columns of a row-major n x k matrix. */
function orthonormalise(m: Float64Array, n: number, k: number): void {
  for (let c = 0; c < k; c++) {
    for (let p = 0; p < c; p++) {
      let dot = 0
      for (let i = 0; i < n; i++) dot += m[i * k + c] * m[i * k + p]
      for (let i = 0; i < n; i++) m[i * k + c] -= dot * m[i * k + p]
    }
    let len = 0
    for (let i = 0; i < n; i++) len += m[i * k + c] * m[i * k + c]
    len = Math.sqrt(len) || 1
    for (let i = 0; i < n; i++) m[i * k + c] /= len
  }
}

/** out[b] += wEmbed * sum_h w_h (Q_h B) . Q_b over the (longer) embedding history. */
export function addEmbedding(
  e: Embedding,
  hist: number[],
  o: ScoreOptions,
  out: Float64Array,
  n: number,
  only?: ArrayLike<number>
): void {
  const k = e.dim
  // Items added after the embedding was built have no row yet.
  const known = hist.filter((h) => h < e.size)
  if (known.length === 0) return
  const w = recencyWeights(known.length, o.embedRecency)
  const qh = new Float64Array(k)
  for (let j = 0; j < known.length; j++) {
    const h = known[j]
    for (let c = 0; c < k; c++) qh[c] += w[j] * e.q[h * k + c]
  }
  const u = new Float64Array(k)
  for (let r = 0; r < k; r++) {
    const x = qh[r]
    if (x === 0) continue
    for (let c = 0; c < k; c++) u[c] += x * e.b[r * k + c]
  }
  const m = Math.min(n, e.size)
  const count = only ? only.length : m
  for (let x = 0; x < count; x++) {
    const i = only ? only[x] : x
    if (i < 0 || i >= m) continue
    // Four accumulators: this loop is n x dim per user, the bulk of full-ranking time.
    const qi = i * k
    const q = e.q
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0
    let c = 0
    for (; c + 3 < k; c += 4) {
      s0 += u[c] * q[qi + c]
      s1 += u[c + 1] * q[qi + c + 1]
      s2 += u[c + 2] * q[qi + c + 2]
      s3 += u[c + 3] * q[qi + c + 3]
    }
    for (; c < k; c++) s0 += u[c] * q[qi + c]
    out[i] += o.wEmbed * (s0 + s1 + s2 + s3)
  }
}
