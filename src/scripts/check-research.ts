/**
 * Checks research files (e.g. /work/research/states.json) against the shapes src/data accepts,
 * before anyone merges them by hand: `tsx src/scripts/check-research.ts FILE...`. A file is an
 * object of lists named as in src/data (steps = status events, agreements, attendances,
 * scoStatuses, formerNames, replacementSources). Keys the researchers add for the integrator
 * (`party` on a former name, `inRegistry`, `replaces` ...) are set aside, not checked. References
 * across files (party ids, the order of a party's log) are checked by `npm run data:build` once merged.
 */
import { readFileSync } from "node:fs";
import type { z } from "zod";
import { AttendanceSeed, checkEvidence, FormerNameSeed, ScoStatusSeed, sources } from "../data/evidence-seed";
import { AgreementSeed, EventSeed } from "../data/seed";

const LISTS: Record<string, { schema: z.ZodType; setAside: string[] }> = {
  steps: { schema: EventSeed, setAside: ["replaces"] },
  agreements: { schema: AgreementSeed, setAside: ["inRegistry", "sourceAssessment"] },
  attendances: { schema: AttendanceSeed, setAside: [] },
  scoStatuses: { schema: ScoStatusSeed, setAside: [] },
  formerNames: { schema: FormerNameSeed, setAside: ["party", "certainty", "note"] },
};

let failures = 0;
for (const file of process.argv.slice(2)) {
  const data = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown[]>;
  for (const [key, rows] of Object.entries(data)) {
    if (!Array.isArray(rows)) continue;
    const list = LISTS[key];
    rows.forEach((row, i) => {
      const record = { ...(row as Record<string, unknown>) };
      const label = `${file} ${key}[${i}] (${record.party ?? record.id ?? "?"})`;
      const problems: string[] = [];
      if (list) {
        for (const k of list.setAside) delete record[k];
        const parsed = list.schema.safeParse(record);
        if (parsed.success) {
          const r = parsed.data as { certainty?: string; dayStated?: boolean; date?: string; signed?: string };
          problems.push(
            ...checkEvidence([
              { ...(parsed.data as never), label: "", date: r.date ?? r.signed, certainty: r.certainty ?? "high" },
            ]),
          );
        } else problems.push(...parsed.error.issues.map((x) => `${x.path.join(".") || "entry"}: ${x.message}`));
      } else if (key === "replacementSources") {
        const parsed = sources.safeParse(record.sources);
        if (!parsed.success)
          problems.push(...parsed.error.issues.map((x) => `sources.${x.path.join(".")}: ${x.message}`));
      }
      for (const p of problems) console.log(`${label}: ${p.replace(/^: /, "")}`);
      failures += problems.length;
    });
    if (!list && key !== "replacementSources") console.log(`${file} ${key}: not a list src/data holds; not checked`);
  }
}
console.log(failures === 0 ? "no problems" : `${failures} problem(s)`);
process.exit(failures === 0 ? 0 : 1);
