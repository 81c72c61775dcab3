/**
 * What the Worker's bundle gets for zod's `locales` (the alias in wrangler.toml says why): English
 * only, the locale zod configures by default. Not imported by any module of the registry.
 */
export { default as en } from "zod/v4/locales/en.js";
