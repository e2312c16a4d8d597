import type { Context } from "@medusajs/framework/types"
import type { Knex } from "@mikro-orm/knex"

/** The knex of a module call: its open transaction when there is one, else the connection. */
export function knexOf(context: Context): Knex {
  const manager = (context.transactionManager ?? context.manager) as any
  return manager.getTransactionContext?.() ?? manager.getKnex()
}
