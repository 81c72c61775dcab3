/** axe-core run inside a page: the serious and critical WCAG violations it finds, as readable lines. */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Browser, BrowserContext, Page } from "playwright-core";

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** The impacts that fail a test; "moderate" and "minor" are reported by axe but not gated here. */
const BLOCKING = new Set(["serious", "critical"]);

interface AxeNode {
  target: unknown[];
  waived: boolean;
}
interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: AxeNode[];
}

/**
 * A context for axe runs only. `bypassCSP: true` because axe is injected as a script the pages'
 * strict CSPs (script nonces, src/middleware/security-headers.ts) would rightly refuse; the tests
 * that check the CSP itself use ordinary contexts. JavaScript is on so that axe can run; the
 * timeline page has no script of its own, so it renders the same as without JavaScript.
 */
export function axeContext(browser: Browser, options: { locale?: string } = {}): Promise<BrowserContext> {
  return browser.newContext({ bypassCSP: true, viewport: { width: 1400, height: 1000 }, ...options });
}

/** A rule axe may break inside markup the project does not write: each caller says why. */
export interface Waiver {
  rule: string;
  /** CSS selector: the violation is waived only on elements inside (or at) what this matches */
  within: string;
}

/**
 * Runs axe on the loaded page and returns one line per serious or critical violation and node,
 * minus `waivers` (a rule on an element inside a given selector; nothing else is waived).
 */
export async function blockingViolations(page: Page, waivers: Waiver[] = []): Promise<string[]> {
  await page.addScriptTag({ content: AXE_SOURCE });
  // A string, so this file needs no DOM typings: each node says whether a waiver covers it.
  const violations = await page.evaluate<AxeViolation[]>(`(async () => {
    const waivers = ${JSON.stringify(waivers)};
    const { violations } = await axe.run(document, { resultTypes: ["violations"] });
    for (const v of violations)
      for (const n of v.nodes) {
        const el = typeof n.target[0] === "string" ? document.querySelector(n.target[0]) : null;
        n.waived = waivers.some((w) => w.rule === v.id && el && el.closest(w.within));
      }
    return violations;
  })()`);
  return violations
    .filter((v) => BLOCKING.has(v.impact ?? ""))
    .flatMap((v) =>
      v.nodes.filter((n) => !n.waived).map((n) => `${v.impact} ${v.id} (${v.help}) at ${JSON.stringify(n.target)}`),
    );
}
