import path from "node:path";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";
import { unstable_readConfig } from "wrangler";

export default defineConfig(async () => {
  // The real migrations, schema and data alike, applied to a fresh local D1 by apply-migrations.ts.
  const migrations = await readD1Migrations(path.join(import.meta.dirname, "../migrations"));
  const wranglerPath = path.join(import.meta.dirname, "../wrangler.toml");
  // The Rate Limiting bindings exactly as configured (the tests run them unchanged); passed in so that
  // test/routes/rate-limits.routes.test.ts can check that the answers advertise these limits.
  const { ratelimits } = unstable_readConfig({ config: wranglerPath }) as { ratelimits: { name: string; simple: { limit: number; period: number } }[] };
  const rateLimits = ratelimits.map(({ name, simple }) => ({ name, ...simple }));
  return {
    plugins: [
      cloudflareTest({
        wrangler: { configPath: wranglerPath },
        // FUZZ_SEED replays a run of the fuzzer in test/fuzz (its seed is printed at the start).
        miniflare: {
          bindings: { TEST_MIGRATIONS: migrations, TEST_RATE_LIMITS: rateLimits, ADMIN_TOKEN: "test-admin-token-0123456789", FUZZ_SEED: process.env.FUZZ_SEED ?? "" },
        },
      }),
    ],
    test: {
      root: path.join(import.meta.dirname, ".."),
      include: ["test/**/*.test.ts"],
      exclude: ["test/e2e/**", "test/bench/**", "node_modules/**"],
      setupFiles: ["./test/helpers/apply-migrations.ts"],
    },
  };
});
