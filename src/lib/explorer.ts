import type { ApiReferenceConfiguration } from "@scalar/hono-api-reference";
import type { Context } from "hono";
import type { AppBindings } from "../types";

/**
 * The Scalar explorer at /docs, served whole by this Worker: it works offline and calls nothing
 * outside. Its bundle is a static asset (`npm run assets`); its bootstrap script and style carry the
 * request's CSP nonce (src/middleware/security-headers.ts). Every feature that would reach Scalar's
 * services is off: default fonts (their CDN), telemetry, the "Ask AI" agent, "Generate MCP", the
 * developer tools ("Deploy", "Share", shown on localhost), and the button that opens the hosted
 * client. "Test Request" stays: it calls this registry on the same origin.
 */
export const explorerConfig = (c: Context<AppBindings>): ApiReferenceConfiguration => ({
  url: "/openapi.json",
  cdn: "/vendor/scalar/standalone.js",
  pageTitle: "SCO registry API",
  // Set by docsHeaders' NONCE before this runs; without it the CSP blocks the page (the tests see that).
  nonce: c.get("secureHeadersNonce") ?? "",
  withDefaultFonts: false,
  telemetry: false,
  agent: { disabled: true },
  mcp: { disabled: true },
  showDeveloperTools: "never",
  hideClientButton: true,
});
