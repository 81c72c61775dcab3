/**
 * The layers of src/ point one way: domain ← db ← lib ← middleware ← routes ← app (README, Layout);
 * src/types.ts (the app's binding types) sits with lib.
 * `npm test` runs `npm run lint:deps`, which fails on a cycle or an import that points up.
 */
const layer = (name, allowed) => ({
  name: `${name}-imports-down-only`,
  comment: `src/${name} may import only from: ${allowed.join(", ")}`,
  severity: "error",
  from: { path: `^src/${name}/` },
  to: { path: "^src/", pathNot: allowed.map((l) => `^src/${l}(/|\\.)`) },
});

module.exports = {
  forbidden: [
    { name: "no-circular", severity: "error", comment: "no import cycles", from: {}, to: { circular: true } },
    layer("domain", ["domain"]),
    layer("db", ["domain", "db"]),
    layer("lib", ["domain", "db", "lib", "types"]),
    layer("middleware", ["domain", "db", "lib", "types", "middleware"]),
    layer("routes", ["domain", "db", "lib", "types", "middleware", "routes"]),
    {
      name: "domain-is-pure",
      comment: "the rules are pure functions: no Hono, no drizzle, no Workers APIs in src/domain",
      severity: "error",
      from: { path: "^src/domain/" },
      to: { dependencyTypes: ["npm", "npm-dev", "core"] },
    },
    {
      name: "only-the-entry-imports-the-app",
      severity: "error",
      from: { path: "^src/", pathNot: "^src/(index|app)\\.ts$" },
      to: { path: "^src/(index|app)\\.ts$" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsConfig: { fileName: "tsconfig.json" },
    exclude: { path: "^src/(scripts|assets)/|\\.d\\.ts$" },
    tsPreCompilationDeps: true,
  },
};
