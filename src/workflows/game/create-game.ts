import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import {
  createProductsWorkflow,
  createRemoteLinkStep,
  useQueryGraphStep,
} from "@medusajs/medusa/core-flows"
import { Modules, ProductStatus } from "@medusajs/framework/utils"
import { GAME_MODULE } from "../../modules/game"
import { createGameStep } from "../steps/create-game"
import { syncGameListingStep } from "../steps/sync-game-listing"
import { validateCurrenciesStep } from "../steps/validate-currencies"
import type { GameDetails, GamePriceInput } from "./types"

export type CreateGameWorkflowInput = {
  title: string
  handle?: string
  subtitle?: string | null
  description?: string | null
  thumbnail?: string | null
  status?: "draft" | "published"
  prices: GamePriceInput[]
  details: GameDetails
}

export const createGameWorkflowId = "create-game"

/** A game is a Medusa product (one digital "Standard Edition" variant, no inventory) + details. */
export const createGameWorkflow = createWorkflow(
  createGameWorkflowId,
  (input: CreateGameWorkflowInput) => {
    validateCurrenciesStep(
      transform({ input }, ({ input }) => ({
        currency_codes: input.prices.map((p) => p.currency_code),
      }))
    )
    const { data: stores } = useQueryGraphStep({
      entity: "store",
      fields: ["default_sales_channel_id"],
    }).config({ name: "get-store" })

    const productInput = transform({ input, stores }, ({ input, stores }) => {
      const channel = stores[0]?.default_sales_channel_id
      return {
        title: input.title,
        handle: input.handle,
        subtitle: input.subtitle ?? undefined,
        description: input.description ?? undefined,
        thumbnail: input.thumbnail ?? undefined,
        status: input.status === "draft" ? ProductStatus.DRAFT : ProductStatus.PUBLISHED,
        discountable: true,
        sales_channels: channel ? [{ id: channel }] : [],
        options: [{ title: "Edition", values: ["Standard"] }],
        variants: [
          {
            title: "Standard Edition",
            manage_inventory: false,
            allow_backorder: false,
            options: { Edition: "Standard" },
            prices: input.prices,
          },
        ],
      }
    })
    const products = createProductsWorkflow.runAsStep({ input: { products: [productInput] } })

    const gameInput = transform({ input, products }, ({ input, products }) => ({
      ...input.details,
      product_id: products[0].id,
      title: products[0].title,
      handle: products[0].handle,
    }))
    const game = createGameStep(gameInput)

    createRemoteLinkStep(
      transform({ game, products }, ({ game, products }) => [
        { [Modules.PRODUCT]: { product_id: products[0].id }, [GAME_MODULE]: { game_id: game.id } },
      ])
    )
    syncGameListingStep(
      transform({ products }, ({ products }) => ({ product_ids: [products[0].id] }))
    )
    return new WorkflowResponse(game)
  }
)
