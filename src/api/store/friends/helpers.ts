import type { MedusaContainer } from "@medusajs/framework/types"
import { partiesOf } from "../../../workflows/gift/parties"

/** Players as other players see them: handle and display name, never an email address. */
export async function playersById(container: MedusaContainer, ids: string[]) {
  const people = await partiesOf(container, ids)
  return (id: string) => {
    const p = people.get(id)
    return { customer_id: id, handle: p?.handle ?? null, display_name: p?.name ?? null }
  }
}

/** The friend in a friendship row (stored as the ordered pair). */
export const otherOf = (friendship: { customer_a: string; customer_b: string }, me: string) =>
  friendship.customer_a === me ? friendship.customer_b : friendship.customer_a
