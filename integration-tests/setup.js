const { MetadataStorage } = require("@mikro-orm/core")

MetadataStorage.clear()

// Registers the test-only payment providers (pp_sandbox_manual, see medusa-config.ts); the seed
// enables them in every region when this is set.
process.env.KSTORE_TEST_PROVIDERS = "true"
