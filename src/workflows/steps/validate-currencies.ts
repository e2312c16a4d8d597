import { createStep } from "@medusajs/framework/workflows-sdk"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"

/** Prices may only be set in currencies the store sells in. */
export const validateCurrenciesStep = createStep(
  "validate-game-currencies",
  async (input: { currency_codes: string[] }, { container }) => {
    if (!input.currency_codes.length) return
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data: stores } = await query.graph({
      entity: "store",
      fields: ["supported_currencies.currency_code"],
    })
    const supported = new Set(
      stores.flatMap((s: any) => (s.supported_currencies ?? []).map((c: any) => c.currency_code))
    )
    const unknown = input.currency_codes.filter((c) => !supported.has(c))
    if (unknown.length) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `Currency not sold by this store: ${unknown.join(", ")}`
      )
    }
  }
)
