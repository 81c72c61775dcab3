// The test Worker's extra binding: the migrations read by test/vitest.config.ts.
declare namespace Cloudflare {
  interface Env {
    TEST_MIGRATIONS: D1Migration[];
    /** replays a fuzz run (test/fuzz); empty for a fresh seed */
    FUZZ_SEED: string;
  }
}

// Vite's ?raw imports (the committed data migration, compared with the data it is built from).
declare module "*.sql?raw" {
  const text: string;
  export default text;
}
