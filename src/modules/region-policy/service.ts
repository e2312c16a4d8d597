import {
  InjectTransactionManager,
  MedusaContext,
  MedusaError,
  MedusaService,
} from "@medusajs/framework/utils"
import type { Context } from "@medusajs/framework/types"
import CustomerResidence from "./models/customer-residence"
import ResidenceChange from "./models/residence-change"
import { normalizeCountryCode } from "./countries"

export type ResidenceChangeSource = "signup" | "customer" | "admin" | "first_purchase"

type SetResidenceInput = {
  customer_id: string
  country_code: string
  reason?: string | null
  source: ResidenceChangeSource
}

class RegionPolicyModuleService extends MedusaService({ CustomerResidence, ResidenceChange }) {
  async getResidenceCountry(customerId: string | null | undefined): Promise<string | null> {
    if (!customerId) return null
    const [residence] = await this.listCustomerResidences({ customer_id: customerId }, { take: 1 })
    return residence?.country_code ?? null
  }

  /**
   * Sets or changes the residence and logs it in one transaction. `expect_none` makes a first-time
   * set (sign-up) refuse to overwrite an existing residence, so changes always go through the log.
   */
  @InjectTransactionManager()
  async setResidence(
    input: SetResidenceInput & { expect_none?: boolean },
    @MedusaContext() sharedContext: Context = {}
  ) {
    const country = normalizeCountryCode(input.country_code)
    if (!country) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `Unknown country code '${input.country_code}'`
      )
    }
    const [current] = await this.listCustomerResidences(
      { customer_id: input.customer_id },
      { take: 1 },
      sharedContext
    )
    if (current && input.expect_none) {
      throw new MedusaError(
        MedusaError.Types.CONFLICT,
        "Residence country is already set; request a residence change instead"
      )
    }
    if (current?.country_code === country) {
      return { residence: current, change: null }
    }
    const residence = current
      ? await this.updateCustomerResidences({ id: current.id, country_code: country }, sharedContext)
      : await this.createCustomerResidences(
          { customer_id: input.customer_id, country_code: country },
          sharedContext
        )
    const change = await this.createResidenceChanges(
      {
        customer_id: input.customer_id,
        from_country: current?.country_code ?? null,
        to_country: country,
        reason: input.reason ?? null,
        source: input.source,
      },
      sharedContext
    )
    return { residence, change }
  }
}

export default RegionPolicyModuleService
