import path from "node:path";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";
import { unstable_readConfig } from "wrangler";

const MIGRATIONS = "./test/helpers/apply-migrations.ts";
const NOT_VITEST = ["test/e2e/**", "test/bench/**", "test/client/**"];
/**
 * Test files that change the registry's shared history or assume none of it changed by others; see
 * "Isolation" in test/helpers/apply-migrations.ts for the rule that keeps the other files shareable.
 */
const ISOLATED = [
  "test/fuzz/*.fuzz.test.ts",
  "test/routes/status-events.*.test.ts",
  "test/routes/exports.recorded.test.ts",
  "test/db/bound-parameters.queries.test.ts",
  "test/db/agreement-guards.queries.test.ts",
  "test/db/depositary-guards.queries.test.ts",
  "test/db/secretariat-guards.queries.test.ts",
  "test/routes/secretariat.routes.test.ts",
];

export default defineConfig(async () => {
  // The real migrations, schema and data alike, applied to a fresh local D1 by apply-migrations.ts.
  const migrations = await readD1Migrations(path.join(import.meta.dirname, "../migrations"));
  const wranglerPath = path.join(import.meta.dirname, "../wrangler.toml");
  // The Rate Limiting bindings exactly as configured (the tests run them unchanged); passed in so that
  // test/routes/rate-limits.routes.test.ts can check that the answers advertise these limits.
  const { ratelimits } = unstable_readConfig({ config: wranglerPath }) as {
    ratelimits: { name: string; simple: { limit: number; period: number } }[];
  };
  const rateLimits = ratelimits.map(({ name, simple }) => ({ name, ...simple }));
  return {
    plugins: [
      cloudflareTest({
        wrangler: { configPath: wranglerPath },
        // FUZZ_SEED replays a run of the fuzzer in test/fuzz (its seed is printed at the start).
        miniflare: {
          bindings: {
            TEST_MIGRATIONS: migrations,
            TEST_RATE_LIMITS: rateLimits,
            ADMIN_TOKEN: "test-admin-token-0123456789",
            FUZZ_SEED: process.env.FUZZ_SEED ?? "",
          },
        },
      }),
    ],
    test: {
      root: path.join(import.meta.dirname, ".."),
      // Two workerd processes: the machine's two cores (Vitest's default is one fewer than the cores).
      maxWorkers: 2,
      // Property tests run hundreds of D1 round trips: on a loaded machine 5 s is luck, not a limit.
      testTimeout: 60_000,
      hookTimeout: 60_000,
      projects: [
        // Pure functions: no database, one worker for all files.
        { extends: true, test: { name: "domain", include: ["test/domain/**/*.test.ts"], isolate: false } },
        // Files that make their own rows and never change the registry's history: they reuse a worker
        // (and its D1) one after another, with the migrations applied once per worker.
        {
          extends: true,
          test: {
            name: "shared",
            include: ["test/**/*.test.ts"],
            exclude: [...ISOLATED, "test/domain/**", ...NOT_VITEST],
            isolate: false,
            setupFiles: [MIGRATIONS],
          },
        },
        // Files that rewrite what the others read (status events of real parties, 110 extra member
        // states, generated writes): each gets a fresh worker and a fresh D1.
        { extends: true, test: { name: "isolated", include: ISOLATED, setupFiles: [MIGRATIONS] } },
      ],
    },
  };
});
