/**
 * `wrangler d1 export` writes each table's rows right after its CREATE TABLE, in name order, so a
 * row of `agreement_counterparties` comes before the table `parties` it references exists, and D1
 * refuses the file ("no such table: main.parties"; workers-sdk issues #5683, #9349). This puts a
 * dump in an order D1 loads: pragmas, every table, every row (foreign keys are deferred by the
 * dump's own `PRAGMA defer_foreign_keys`), then indexes, triggers and views, each group in the
 * dump's order. Applying it to a dump already in that order changes nothing.
 */

/** Splits SQL text into statements, respecting quotes and the `BEGIN … END;` body of a trigger. */
export function splitStatements(sql: string): string[] {
  const statements: string[] = [];
  let start = 0;
  let quote: string | undefined;
  for (let i = 0; i < sql.length; i++) {
    const ch = sql[i]!;
    if (quote) {
      if (ch === quote) {
        // A doubled quote is an escaped one and the string goes on.
        if (sql[i + 1] === quote) i++;
        else quote = undefined;
      }
      continue;
    }
    if (ch === "'" || ch === '"' || ch === "`") quote = ch;
    else if (ch === "[") quote = "]";
    else if (ch === ";") {
      const text = sql.slice(start, i + 1).trim();
      // Inside a trigger, only the `;` after its closing END ends the statement.
      if (/^CREATE\s+(TEMP\s+|TEMPORARY\s+)?TRIGGER\b/i.test(text) && !/\bEND\s*;$/i.test(text)) continue;
      if (text !== ";") statements.push(text);
      start = i + 1;
    }
  }
  const rest = sql.slice(start).trim();
  if (rest) statements.push(rest.endsWith(";") ? rest : `${rest};`);
  return statements;
}

const GROUPS: RegExp[] = [/^PRAGMA\b/i, /^CREATE\s+TABLE\b/i, /^(INSERT|DELETE|UPDATE|REPLACE)\b/i];

/** The dump's statements, reordered so that D1 can load them into an empty database. */
export function loadableDump(sql: string): string {
  const statements = splitStatements(sql);
  const group = (s: string) => {
    const i = GROUPS.findIndex((re) => re.test(s));
    return i === -1 ? GROUPS.length : i;
  };
  // Array.prototype.sort is stable: each group keeps the dump's order.
  return `${statements
    .map((s, i) => ({ s, i, g: group(s) }))
    .sort((a, b) => a.g - b.g || a.i - b.i)
    .map((x) => x.s)
    .join("\n")}\n`;
}
