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
/**
 * Text colours of Scalar's theme darkened (light mode) or lightened (the dark code panels) to at
 * least 4.5:1 on its backgrounds (WCAG AA; axe's color-contrast found its greys and method colours
 * at 3.0-4.3:1). Only custom properties Scalar documents for theming are set.
 */
const CONTRAST_CSS = `
.light-mode{--scalar-color-2:#595959;--scalar-color-3:#616161;--scalar-color-blue:#00619e;--scalar-color-green:#0a7538;--scalar-color-orange:#a84600;--scalar-color-red:#b8232a;--scalar-color-purple:#7139b0;--scalar-color-yellow:#805a00}
.dark-mode{--scalar-color-blue:#8c9cf0}
`;

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
  customCss: CONTRAST_CSS,
});
