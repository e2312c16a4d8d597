const { loadEnv } = require("@medusajs/framework/utils")
loadEnv("test", process.cwd())

const types = {
  unit: ["**/src/**/__tests__/**/*.unit.spec.[jt]s", "**/scripts/**/__tests__/**/*.unit.spec.[jt]s"],
  "integration:http": ["**/integration-tests/http/**/*.spec.[jt]s"],
  "integration:modules": ["**/integration-tests/modules/**/*.spec.[jt]s"],
  "integration:start": ["**/integration-tests/start/**/*.spec.[jt]s"],
  "integration:browser": ["**/integration-tests/browser/**/*.spec.[jt]s"],
}
// The browser group's one store for all its spec files (integration-tests/browser/global-setup.ts).
const browser = process.env.TEST_TYPE === "integration:browser"

module.exports = {
  transform: {
    "^.+\\.[jt]s$": [
      "@swc/jest",
      { jsc: { parser: { syntax: "typescript", decorators: true }, target: "es2021" } },
    ],
  },
  testEnvironment: "node",
  moduleFileExtensions: ["js", "ts", "json"],
  modulePathIgnorePatterns: ["dist/", "<rootDir>/.medusa/", "<rootDir>/.data/", "<rootDir>/storefront/"],
  setupFiles: ["./integration-tests/setup.js"],
  testMatch: types[process.env.TEST_TYPE || "unit"],
  ...(browser && {
    globalSetup: "./integration-tests/browser/global-setup.ts",
    globalTeardown: "./integration-tests/browser/global-teardown.ts",
  }),
}
