import { createCustomersWorkflow } from "@medusajs/medusa/core-flows"
import { StepResponse } from "@medusajs/framework/workflows-sdk"
import { ContainerRegistrationKeys, MedusaError, Modules } from "@medusajs/framework/utils"
import type { MedusaContainer } from "@medusajs/framework/types"
import { REGION_POLICY_MODULE } from "../../modules/region-policy"
import type RegionPolicyModuleService from "../../modules/region-policy/service"
import { normalizeCountryCode } from "../../modules/region-policy/countries"

/**
 * The customer metadata key that carries a sign-up's residence country from Medusa's stock
 * `POST /store/customers` into this hook. In Medusa 2.21 that route neither accepts
 * `additional_data` (its body schema is strict) nor hands it to `createCustomerAccountWorkflow`,
 * which has no hook of its own; so the route's middleware (src/api/middlewares.ts) validates
 * `additional_data.residence_country` and moves it here, and the hook removes it again.
 */
export const SIGNUP_RESIDENCE_METADATA_KEY = "kstore_signup_residence_country"

type Undo = { customer_id: string; residence_id: string; change_id: string | null }

async function undoResidences(container: MedusaContainer, undo: Undo[]) {
  if (!undo.length) return
  const service = container.resolve<RegionPolicyModuleService>(REGION_POLICY_MODULE)
  const link = container.resolve(ContainerRegistrationKeys.LINK)
  await link.dismiss(
    undo.map((u) => ({
      [Modules.CUSTOMER]: { customer_id: u.customer_id },
      [REGION_POLICY_MODULE]: { customer_residence_id: u.residence_id },
    }))
  )
  const changes = undo.map((u) => u.change_id).filter((id): id is string => !!id)
  if (changes.length) await service.deleteResidenceChanges(changes)
  await service.deleteCustomerResidences(undo.map((u) => u.residence_id))
}

/**
 * A customer created with a residence country (stock sign-up with
 * `additional_data.residence_country`, or a caller of createCustomersWorkflow passing it in
 * `additional_data` for one customer) gets it set and logged (source "signup"), in the same
 * workflow: an unknown country fails it, and Medusa then deletes the customer again.
 */
createCustomersWorkflow.hooks.customersCreated(
  async ({ customers, additional_data }, { container }) => {
    const fromData = customers.length === 1 ? (additional_data as any)?.residence_country : undefined
    const wanted = customers
      .map((customer) => ({ customer, raw: customer.metadata?.[SIGNUP_RESIDENCE_METADATA_KEY] ?? fromData }))
      .filter((w) => w.raw !== undefined && w.raw !== null && w.raw !== "")
    if (!wanted.length) return new StepResponse(undefined, [] as Undo[])

    // Every country is checked before anything is written.
    const planned = wanted.map((w) => {
      const country = normalizeCountryCode(w.raw)
      if (!country) {
        throw new MedusaError(MedusaError.Types.INVALID_DATA, `Unknown country code '${String(w.raw)}'`)
      }
      return { ...w, country }
    })

    const service = container.resolve<RegionPolicyModuleService>(REGION_POLICY_MODULE)
    const link = container.resolve(ContainerRegistrationKeys.LINK)
    const customerService = container.resolve(Modules.CUSTOMER)
    const undo: Undo[] = []
    try {
      for (const { customer, country } of planned) {
        const { residence, change } = await service.setResidence({
          customer_id: customer.id,
          country_code: country,
          source: customer.has_account ? "signup" : "admin",
          expect_none: true,
        })
        undo.push({ customer_id: customer.id, residence_id: residence.id, change_id: change?.id ?? null })
        await link.create({
          [Modules.CUSTOMER]: { customer_id: customer.id },
          [REGION_POLICY_MODULE]: { customer_residence_id: residence.id },
        })
        if (customer.metadata && SIGNUP_RESIDENCE_METADATA_KEY in customer.metadata) {
          // Medusa merges metadata updates; an empty string removes the key.
          await customerService.updateCustomers(customer.id, { metadata: { [SIGNUP_RESIDENCE_METADATA_KEY]: "" } })
        }
      }
    } catch (error) {
      // A failing step is not compensated by Medusa: undo what this one wrote before failing.
      await undoResidences(container, undo).catch(() => {})
      throw error
    }
    return new StepResponse(
      planned.map((p) => ({ customer_id: p.customer.id, country_code: p.country })),
      undo
    )
  },
  async (undo, { container }) => {
    await undoResidences(container, (undo as Undo[] | undefined) ?? [])
  }
)
