/** The provider's identifier: what an index definition's `provider` and `provider_options` name. */
export const KSTORE_MEILISEARCH = "kstore-meilisearch"
