import { ModuleProvider, Modules } from "@medusajs/framework/utils"
import { KstorePostgresSearchService } from "./service"

export { KSTORE_PG_SEARCH } from "./constants"

/** A provider of Medusa's Search Module (registered under its options in medusa-config.ts). */
export default ModuleProvider(Modules.SEARCH, { services: [KstorePostgresSearchService] })
