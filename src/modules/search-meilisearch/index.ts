import { ModuleProvider, Modules } from "@medusajs/framework/utils"
import { MeilisearchSearchService } from "./service"

export { KSTORE_MEILISEARCH } from "./constants"

/** A provider of Medusa's Search Module, registered when MEILISEARCH_HOST is set (medusa-config.ts). */
export default ModuleProvider(Modules.SEARCH, { services: [MeilisearchSearchService] })
