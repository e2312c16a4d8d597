import { createStep, createWorkflow, StepResponse, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { GAME_MODULE } from "../../modules/game"
import type GameModuleService from "../../modules/game/service"
import { LIBRARY_MODULE } from "../../modules/library"
import type LibraryModuleService from "../../modules/library/service"
import { sendMail } from "../steps/send-mail"

/** Games whose release time has come while their pre-order is still open. */
const findDueGamesStep = createStep("find-due-games", async (input: { now: Date }, { container }) => {
  const games = await container
    .resolve<GameModuleService>(GAME_MODULE)
    .listGames({ preorder_enabled: true, release_at: { $lte: input.now } }, { select: ["id", "title", "release_at"] })
  return new StepResponse(games.map((g) => ({ id: g.id, title: g.title })))
})

/** Closes the pre-order (its price list ended at release, the normal price applies). */
const closePreordersStep = createStep(
  "close-preorders",
  async (input: { game_ids: string[] }, { container }) => {
    if (!input.game_ids.length) return new StepResponse([], [])
    await container
      .resolve<GameModuleService>(GAME_MODULE)
      .updateGames(input.game_ids.map((id) => ({ id, preorder_enabled: false })))
    return new StepResponse(input.game_ids, input.game_ids)
  },
  async (ids, { container }) => {
    if (!ids?.length) return
    await container.resolve<GameModuleService>(GAME_MODULE).updateGames(ids.map((id) => ({ id, preorder_enabled: true })))
  }
)

/** Tells every owner the game is downloadable now (mail and in-app notice), once per entitlement however often run. */
const notifyOwnersStep = createStep(
  "notify-release-owners",
  async (input: { games: { id: string; title: string }[] }, { container }) => {
    if (!input.games.length) return new StepResponse({ mailed: 0 })
    const entitlements = await container
      .resolve<LibraryModuleService>(LIBRARY_MODULE)
      .listEntitlements({ game_id: input.games.map((g) => g.id), status: "active" })
    if (!entitlements.length) return new StepResponse({ mailed: 0 })
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data: customers } = await query.graph({
      entity: "customer",
      fields: ["id", "email"],
      filters: { id: [...new Set(entitlements.map((e) => e.customer_id))] },
    })
    const email = new Map(customers.map((c: any) => [c.id, c.email]))
    const title = new Map(input.games.map((g) => [g.id, g.title]))
    for (const e of entitlements) {
      if (!email.get(e.customer_id)) continue
      await sendMail(container, {
        to: email.get(e.customer_id)!,
        // The in-app notice too, like every other event the player is told of.
        customer_id: e.customer_id,
        template: "game-released",
        idempotency_key: `${e.id}:released`,
        data: { title: title.get(e.game_id), entitlement_id: e.id },
      })
    }
    return new StepResponse({ mailed: entitlements.length })
  }
)

export const releaseGamesWorkflowId = "release-games"

/** Release day: pre-orders close, the normal price applies, owners learn they can download. */
export const releaseGamesWorkflow = createWorkflow(releaseGamesWorkflowId, (input: { now: Date }) => {
  const games = findDueGamesStep(input)
  closePreordersStep(transform({ games }, ({ games }) => ({ game_ids: games.map((g) => g.id) })))
  const notified = notifyOwnersStep(transform({ games }, ({ games }) => ({ games })))
  return new WorkflowResponse({ games, notified })
})
