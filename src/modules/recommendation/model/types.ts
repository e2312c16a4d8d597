// Ids are whatever the store uses (game ids, customer ids); the model maps them to dense
// integers internally so its hot loops work on typed arrays.
export type Id = string | number

export interface Interaction {
  user: Id
  item: Id
  /** Strength of the signal (a purchase may count more than a wishlist add). Default 1. */
  weight?: number
  /** Epoch millis. Only used to order a user's events when training from an unordered batch. */
  at?: number
}

/** Fixed when the model is built: changing them means rebuilding the pair statistics. */
export interface TrainOptions {
  /** How many earlier items of the same user a new item is paired with for transitions. */
  window: number
  /** Transition weight multiplier per extra step of distance (1 = all window items equal). */
  stepDecay: number
  /** Co-occurrence pairs use at most this many earlier items (bounds cost for heavy users). */
  coWindow: number
  /** Co-occurrence weight multiplier per step of distance; 1 = plain "both in history". */
  coStepDecay: number
  /** Per user, only the last N items count towards "recent popularity". */
  recentWindow: number
}

/** Cheap to change: applied at scoring time, so they can be tuned without retraining. */
export interface ScoreOptions {
  /** Only the last N history items are used as evidence. */
  historyLength: number
  /** Weight multiplier per step back in the history (the last item weighs 1). */
  recency: number
  /** Weight of directed transitions "after X came Y". */
  wTransition: number
  /** Weight of symmetric co-occurrence (item-kNN). */
  wCooccur: number
  /** Cosine-like damping: co(a,b) / (n_a^alpha * n_b^(1-alpha)). 0.5 = cosine. */
  alpha: number
  /** Damping of transitions by the target's popularity, t(a,b) / (n_a * n_b^beta). */
  beta: number
  /** Co-occurrence is shrunk by co/(co+shrink) so one shared user is weak evidence. */
  shrink: number
  /** Weight of two-step neighbours (neighbours of neighbours): reaches items no history item co-occurs with. */
  wTwoHop: number
  /** Neighbours kept per item on each of the two steps. */
  twoHopK: number
  /** Only the last N history items expand two steps (it is the costly part). */
  twoHopHistory: number
  /** Prior shape: 0 = log-count, otherwise (count / max)^popExponent. */
  popExponent: number
  /** Weight of user-kNN: items of users who share the recent history. 0 = off. */
  wUserKnn: number
  userNeighbours: number
  /** Per history item, only its latest N users are candidate neighbours. */
  userSample: number
  /** Weight of the low-rank (embedding) similarity; needs `attachEmbedding`, 0 = off. */
  wEmbed: number
  /** The embedding reads a longer, flatter history: it models taste, not the next step. */
  embedHistory: number
  embedRecency: number
  /** Weight of the popularity prior (0..1 scaled). */
  wPopularity: number
  /** Share of the prior taken from recent popularity rather than all-time counts. */
  recentShare: number
}

export interface Recommendation {
  item: Id
  score: number
  /** The history item that contributed most, or "popular" when the prior dominated. */
  because: Id | "popular"
}

// Chosen on the validation split of the Amazon Games set (scripts/eval-recs.ts).
export const DEFAULT_TRAIN: TrainOptions = {
  window: 5,
  stepDecay: 1,
  coWindow: 200,
  coStepDecay: 0.9,
  recentWindow: 3,
}

export const DEFAULT_SCORE: ScoreOptions = {
  historyLength: 30,
  recency: 0.7,
  wTransition: 4,
  wCooccur: 1,
  alpha: 0.6,
  beta: 0,
  shrink: 0,
  wTwoHop: 2,
  twoHopK: 50,
  twoHopHistory: 5,
  popExponent: 0.2,
  wPopularity: 0.02,
  recentShare: 1,
  wUserKnn: 1,
  userNeighbours: 100,
  userSample: 500,
  wEmbed: 3,
  embedHistory: 50,
  embedRecency: 0.7,
}
