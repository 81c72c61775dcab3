import { createMiddleware } from "hono/factory";
import { NONCE, secureHeaders } from "hono/secure-headers";
import type { AppBindings } from "../types";

/**
 * X-Content-Type-Options: nosniff on every answer the Worker gives: JSON, problems (404, 405, 500),
 * 304s, the contract and the pages. Static assets get it from src/assets/_headers, as they are
 * served before the Worker runs. Set on the finished Response (mutable: the Worker builds each one)
 * rather than with secureHeaders, whose dozen other headers are meant for pages.
 */
export const nosniff = createMiddleware<AppBindings>(async (c, next) => {
  await next();
  c.res.headers.set("X-Content-Type-Options", "nosniff");
});

/**
 * What both pages allow: nothing by default, images from the Worker or inline data, no framing, no
 * <base>, forms only to the Worker. Everything a page loads comes from the Worker itself. (Older
 * browsers read X-Frame-Options instead of frame-ancestors: both pages send DENY, not secureHeaders'
 * SAMEORIGIN.)
 */
const BASE = {
  defaultSrc: ["'none'"],
  imgSrc: ["'self'", "data:"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/**
 * The timeline (/ and /timeline) is server-rendered SVG with no script at all: only its one
 * <style>, which carries this request's nonce (secureHeadersNonce).
 */
export const timelineHeaders = secureHeaders({
  xFrameOptions: "DENY",
  contentSecurityPolicy: { ...BASE, styleSrc: [NONCE] },
});

/**
 * The explorer (/docs): scripts are Scalar's bundle from the Worker's assets and its inline
 * bootstrap, which carries the nonce; no eval (src/scripts/copy-assets.ts keeps zod from probing for
 * it). Styles need 'unsafe-inline', as Scalar documents: its bundle and its Vue components insert
 * <style> elements without the nonce and set style="" attributes, which no nonce can allow.
 * Requests ("Test Request", the contract) go to the Worker only; fonts too (none are loaded:
 * withDefaultFonts is off).
 */
export const docsHeaders = secureHeaders({
  xFrameOptions: "DENY",
  contentSecurityPolicy: {
    ...BASE,
    scriptSrc: ["'self'", NONCE],
    styleSrc: ["'self'", "'unsafe-inline'"],
    connectSrc: ["'self'"],
    fontSrc: ["'self'"],
  },
});
