import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  resolve: {
    alias: [
      // tsconfig: "@/*" -> "./*"
      { find: /^@\//, replacement: root },
      // lib modules start with `import "server-only"`, which throws outside RSC bundles.
      { find: /^server-only$/, replacement: fileURLToPath(new URL("./tests/unit/empty-module.ts", import.meta.url)) },
    ],
  },
  test: {
    include: ["lib/**/*.test.ts", "tests/unit/**/*.test.ts"],
    exclude: ["**/node_modules/**", "e2e/**", ".next/**", "test-results/**"],
    environment: "node",
    pool: "forks",
    testTimeout: 20_000,
  },
});
