// The test Worker's extra bindings, read by test/vitest.config.ts.
declare namespace Cloudflare {
  interface Env {
    TEST_MIGRATIONS: D1Migration[];
    /** wrangler.toml's [[ratelimits]], read by test/vitest.config.ts */
    TEST_RATE_LIMITS: { name: string; limit: number; period: number }[];
    /** replays a fuzz run (test/fuzz); empty for a fresh seed */
    FUZZ_SEED: string;
  }
}

// Vite's ?raw imports (the committed data migration, compared with the data it is built from).
declare module "*.sql?raw" {
  const text: string;
  export default text;
}
