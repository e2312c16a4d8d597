const { MetadataStorage } = require("@mikro-orm/core")

MetadataStorage.clear()

// Registers the test-only payment providers (pp_sandbox_manual, see medusa-config.ts); the seed
// enables them in every region when this is set.
process.env.KSTORE_TEST_PROVIDERS = "true"
// The suite signs up and logs in hundreds of players from 127.0.0.1: generous login and sign-up
// limits unless a run sets its own (accounts.spec.ts lowers them for its rate-limit tests; the
// crash test's server inherits these).
for (const name of ["LOGIN_IP", "LOGIN_ACCOUNT", "SIGNUP_IP", "SIGNUP_ACCOUNT"]) {
  process.env[`KSTORE_RATE_LIMIT_${name}`] ??= "100000/60"
}
