import { generateEntityId, InjectManager, MedusaContext, MedusaService } from "@medusajs/framework/utils"
import type { Context } from "@medusajs/framework/types"
import { knexOf } from "../knex"
import Interaction, { type InteractionKind } from "./models/interaction"
import { buildEmbedding, RecModel, train } from "./model"
import { KIND_WEIGHT, type InteractionInput } from "./signals"

export type HistoryEntry = { game_id: string; kind: InteractionKind; weight: number; occurred_at: Date }

/** After this long a process retrains on its next read, even where the hourly job does not run (server mode). */
const MAX_MODEL_AGE_MS = 2 * 3600e3
/** A player's last N signals are their scoring history; older taste fades anyway. */
const HISTORY_LIMIT = 200
const PAGE = 10_000

/**
 * Records interactions and keeps the trained model in memory. The model is derived data: the
 * interaction table is the truth, retraining from it takes well under a second at store scale,
 * and a serialized copy would be one more thing to keep in step; so each process holds its own
 * and rebuilds it (hourly job, or lazily when missing or too old).
 */
class RecommendationModuleService extends MedusaService({ Interaction }) {
  private live: { model: RecModel; trained_at: Date } | null = null
  private training: Promise<RecModel> | null = null

  /**
   * Inserts what is new and ignores facts already recorded (same `event_key`), in one statement,
   * so a replayed event or a retried step counts once. Returns how many rows were new. New rows are
   * also applied to this process's live model at once (additive, the same state a retrain gives).
   */
  @InjectManager()
  async recordInteractions(inputs: InteractionInput[], @MedusaContext() context: Context = {}): Promise<number> {
    if (!inputs.length) return 0
    const now = new Date()
    const rows = inputs.map((i) => ({
      id: generateEntityId(undefined, "rint"),
      customer_id: i.customer_id,
      game_id: i.game_id,
      kind: i.kind,
      weight: KIND_WEIGHT[i.kind],
      occurred_at: i.occurred_at ?? now,
      event_key: i.event_key,
    }))
    const knex = knexOf(context)
    const values = rows.map(() => "(?, ?, ?, ?, ?, ?, ?)").join(", ")
    const { rows: inserted } = await knex.raw(
      `insert into "interaction" ("id", "customer_id", "game_id", "kind", "weight", "occurred_at", "event_key")
       values ${values}
       on conflict ("event_key") where "deleted_at" is null do nothing
       returning "customer_id", "game_id", "weight", "occurred_at"`,
      rows.flatMap((r) => [r.id, r.customer_id, r.game_id, r.kind, r.weight, r.occurred_at, r.event_key])
    )
    for (const r of inserted as any[]) {
      this.live?.model.addInteraction({ user: r.customer_id, item: r.game_id, weight: Number(r.weight), at: new Date(r.occurred_at).getTime() })
    }
    return inserted.length
  }

  /** The player's latest signals, oldest first: read at every request, so they count before any retrain. */
  @InjectManager()
  async playerHistory(customerId: string, @MedusaContext() context: Context = {}): Promise<HistoryEntry[]> {
    const rows = await knexOf(context)("interaction")
      .where({ customer_id: customerId })
      .whereNull("deleted_at")
      .orderBy([{ column: "occurred_at", order: "desc" }, { column: "id", order: "desc" }])
      .limit(HISTORY_LIMIT)
      .select(["game_id", "kind", "weight", "occurred_at"])
    return rows.reverse().map((r: any) => ({ game_id: r.game_id, kind: r.kind, weight: Number(r.weight), occurred_at: new Date(r.occurred_at) }))
  }

  /** Every recorded interaction, in time order, paged by id so a large table is not one result. */
  @InjectManager()
  async allInteractions(@MedusaContext() context: Context = {}) {
    const knex = knexOf(context)
    const out: { user: string; item: string; weight: number; at: number }[] = []
    for (let after = ""; ; ) {
      const page = await knex("interaction")
        .whereNull("deleted_at")
        .andWhere("id", ">", after)
        .orderBy("id")
        .limit(PAGE)
        .select(["id", "customer_id", "game_id", "weight", "occurred_at"])
      for (const r of page as any[]) out.push({ user: r.customer_id, item: r.game_id, weight: Number(r.weight), at: new Date(r.occurred_at).getTime() })
      if (page.length < PAGE) return out
      after = page[page.length - 1].id
    }
  }

  /** Trains a new model from the table and swaps it in; concurrent calls share one training. */
  async retrain(): Promise<RecModel> {
    if (this.training) return this.training
    this.training = (async () => {
      try {
        const started = new Date()
        // train() replays the events in time order (it sorts by `at`).
        const model = train(await this.allInteractions())
        // The low-rank view reaches games that never shared a player with the history; it is
        // not incremental, so it is rebuilt here only.
        if (model.size > 1) model.embedding = buildEmbedding(model, { dim: Math.min(32, model.size) })
        this.live = { model, trained_at: started }
        return model
      } finally {
        this.training = null
      }
    })()
    return this.training
  }

  /** The live model; trained on first use and again once too old. */
  async currentModel(): Promise<RecModel> {
    if (!this.live) return this.retrain()
    if (Date.now() - this.live.trained_at.getTime() > MAX_MODEL_AGE_MS) void this.retrain().catch(() => undefined)
    return this.live.model
  }

  modelInfo() {
    return this.live ? { trained_at: this.live.trained_at, games: this.live.model.size } : null
  }
}

export default RecommendationModuleService
