import { createStep, createWorkflow, StepResponse, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { GAME_MODULE } from "../../modules/game"
import type GameModuleService from "../../modules/game/service"
import { LIBRARY_MODULE } from "../../modules/library"
import type LibraryModuleService from "../../modules/library/service"
import { MAIL_MODULE } from "../../modules/mail"
import type MailModuleService from "../../modules/mail/service"
import { gamePageUrl, signUnsubscribe, unsubscribeUrl } from "../../modules/mail/unsubscribe-token"
import { REGION_POLICY_MODULE } from "../../modules/region-policy"
import type RegionPolicyModuleService from "../../modules/region-policy/service"
import { envNumber } from "../env-number"
import { sendMail } from "../steps/send-mail"
import { releaseAffinity, type Taste } from "./affinity"

/** A game published, or its pre-order opened, this long ago or less is news. */
const NEWS_WINDOW_MS = 48 * 3600_000

type NewGame = Taste & { id: string; title: string; handle: string; release_at: Date; preorder: boolean; service_countries: string[] }

/** Published games that are news (new, or pre-order newly open) and not announced yet. */
const findNewGamesStep = createStep("find-new-games", async (input: { now: Date | string }, { container }) => {
  // A workflow's input is stored as JSON: the date arrives as its string.
  const now = new Date(input.now)
  const since = new Date(now.getTime() - NEWS_WINDOW_MS)
  const games = await container.resolve<GameModuleService>(GAME_MODULE).listGames(
    { published: true, $or: [{ created_at: { $gte: since } }, { preorder_enabled: true, updated_at: { $gte: since } }] },
    { select: ["id", "title", "handle", "genres", "tags", "release_at", "preorder_enabled", "service_countries"] }
  )
  if (!games.length) return new StepResponse([] as NewGame[])
  const announced = await container
    .resolve<MailModuleService>(MAIL_MODULE)
    .listReleaseAnnouncements({ game_id: games.map((g) => g.id) }, { select: ["game_id"] })
  const done = new Set(announced.map((a) => a.game_id))
  return new StepResponse(
    games
      .filter((g) => !done.has(g.id))
      .map((g) => ({
        id: g.id,
        title: g.title,
        handle: g.handle,
        genres: (g.genres ?? []) as string[],
        tags: (g.tags ?? []) as string[],
        release_at: new Date(g.release_at),
        preorder: !!g.preorder_enabled && new Date(g.release_at) > now,
        service_countries: (g.service_countries ?? []) as string[],
      }))
  )
})

/** Every player's games, their tastes, where they live and whether they opted out. */
async function players(container: Pick<MedusaContainer, "resolve">) {
  const entitlements = await container
    .resolve<LibraryModuleService>(LIBRARY_MODULE)
    .listEntitlements({ status: "active" }, { select: ["customer_id", "game_id"] })
  const ownedBy = new Map<string, Set<string>>()
  for (const e of entitlements) {
    const owned = ownedBy.get(e.customer_id) ?? new Set<string>()
    owned.add(e.game_id)
    ownedBy.set(e.customer_id, owned)
  }
  const gameIds = [...new Set(entitlements.map((e: any) => e.game_id as string))]
  const tastes = gameIds.length
    ? await container.resolve<GameModuleService>(GAME_MODULE).listGames({ id: gameIds }, { select: ["id", "genres", "tags"] })
    : []
  const taste = new Map<string, Taste>(tastes.map((g: any) => [g.id, { genres: g.genres ?? [], tags: g.tags ?? [] }]))
  const customerIds = [...ownedBy.keys()]
  const [residences, optedOut, customers] = await Promise.all([
    customerIds.length
      ? container.resolve<RegionPolicyModuleService>(REGION_POLICY_MODULE).listCustomerResidences({ customer_id: customerIds })
      : [],
    container.resolve<MailModuleService>(MAIL_MODULE).optedOut(customerIds, "new-releases"),
    customerIds.length
      ? container.resolve(ContainerRegistrationKeys.QUERY).graph({ entity: "customer", fields: ["id", "email"], filters: { id: customerIds } })
      : { data: [] },
  ])
  const country = new Map<string, string>(residences.map((r: any) => [r.customer_id, r.country_code] as [string, string]))
  const email = new Map<string, string>(customers.data.filter((c: any) => c.email).map((c: any) => [c.id, c.email] as [string, string]))
  return customerIds
    .filter((id) => !optedOut.has(id) && email.has(id) && country.has(id))
    .map((id) => ({
      id,
      email: email.get(id)!,
      country: country.get(id)!,
      owned: ownedBy.get(id)!,
      tastes: [...ownedBy.get(id)!].map((g) => taste.get(g)).filter(Boolean) as Taste[],
    }))
}

/**
 * Mails each new game to the players closest to it: at or above the threshold, best first, at
 * most the top N; never to a player who owns it, lives where it is not sold, or opted out. One
 * such mail per player per day (the outbox's key holds the day), and the game is marked announced
 * last, so a run that dies midway is redone by the next and adds no second mail.
 */
const mailNewGamesStep = createStep("mail-new-games", async (input: { games: NewGame[]; now: Date | string }, { container }) => {
  if (!input.games.length) return new StepResponse({ mailed: 0 })
  const threshold = envNumber("KSTORE_RELEASE_MAIL_THRESHOLD", 0.5)
  const top = envNumber("KSTORE_RELEASE_MAIL_TOP", 1000, { min: 1, integer: true })
  const day = new Date(input.now).toISOString().slice(0, 10)
  const everyone = await players(container)
  const mailModule = container.resolve<MailModuleService>(MAIL_MODULE)
  let mailed = 0
  for (const game of input.games) {
    const chosen = everyone
      .filter((p) => !p.owned.has(game.id) && game.service_countries.includes(p.country))
      .map((p) => ({ player: p, ...releaseAffinity(game, p.tastes) }))
      .filter((c) => c.score >= threshold)
      .sort((a, b) => b.score - a.score)
      .slice(0, top)
    for (const { player, genre } of chosen) {
      await sendMail(container, {
        to: player.email,
        template: "new-release",
        idempotency_key: `new-release:${player.id}:${day}`,
        data: {
          game_id: game.id,
          title: game.title,
          preorder: game.preorder,
          release_at: game.release_at,
          reason: genre ? `New in your favourite genre, ${genre}.` : "Close to the games you play.",
          url: gamePageUrl(game.handle),
          unsubscribe_url: unsubscribeUrl(signUnsubscribe(player.id, "new-releases")),
        },
      })
    }
    mailed += chosen.length
    await mailModule.markAnnounced(game.id, chosen.length)
  }
  return new StepResponse({ mailed })
})

export const announceReleasesWorkflowId = "announce-releases"

/** New games and newly open pre-orders, mailed to the players whose games are most like them. */
export const announceReleasesWorkflow = createWorkflow(announceReleasesWorkflowId, (input: { now: Date | string }) => {
  const games = findNewGamesStep(input)
  const result = mailNewGamesStep({ games, now: input.now })
  return new WorkflowResponse({ games, result })
})
