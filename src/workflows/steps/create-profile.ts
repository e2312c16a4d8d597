import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ACCOUNT_MODULE } from "../../modules/account"
import type AccountModuleService from "../../modules/account/service"

/**
 * The new player's profile: the handle they chose (409 `handle_taken` undoes the whole sign-up)
 * or a generated one, and a display name (their first name, else "Player"). Undone with the sign-up.
 */
export const createProfileStep = createStep(
  "create-player-profile",
  async (
    input: { customer_id: string; handle?: string | null; display_name?: string | null; first_name?: string | null; time_zone?: string | null },
    { container }
  ) => {
    const { profile, created } = await container.resolve<AccountModuleService>(ACCOUNT_MODULE).createProfile({
      customer_id: input.customer_id,
      handle: input.handle,
      display_name: input.display_name || input.first_name || "Player",
      time_zone: input.time_zone ?? null,
    })
    return new StepResponse(profile, created ? profile.id : null)
  },
  async (id, { container }) => {
    if (id) await container.resolve<AccountModuleService>(ACCOUNT_MODULE).deletePlayerProfiles(id)
  }
)
