// Types for the test Worker: its extra binding and the Worker entry behind `exports.default`.
declare namespace Cloudflare {
  interface Env {
    TEST_MIGRATIONS: D1Migration[];
  }
  interface GlobalProps {
    mainModule: typeof import("../src/index");
  }
}
