/**
 * `npm run assets`: puts Scalar's standalone bundle among the Worker's static assets
 * (src/assets/vendor, generated, not committed), so /docs loads it from the Worker itself.
 *
 * One line goes before it. zod, bundled in Scalar, probes for eval with `Function("")` unless its
 * `jitless` option is set; /docs' Content-Security-Policy has no 'unsafe-eval', so the browser
 * refuses the probe and reports a CSP violation (zod then falls back to the same checks without
 * eval). The line is `z.config({ jitless: true })` made before zod loads, through the global config
 * object that every copy of zod 4 reads (`globalThis.__zod_globalConfig`).
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const SOURCE = "node_modules/@scalar/api-reference/dist/browser/standalone.js";
const TARGET = "src/assets/vendor/scalar/standalone.js";
const PRELUDE =
  "globalThis.__zod_globalConfig = Object.assign(globalThis.__zod_globalConfig || {}, { jitless: true });\n";

mkdirSync(path.dirname(TARGET), { recursive: true });
writeFileSync(TARGET, PRELUDE + readFileSync(SOURCE, "utf8"));
console.log(`${TARGET}: Scalar's bundle, zod jitless`);
