/**
 * Sources as the exports write them. The tables keep a record's sources as a JSON array: strings
 * today (a citation, a URL, or a citation followed by its URL), objects with a `url` and/or a
 * `title` once issue 10 lands. These read either, so the exports need no change when the shape does.
 */

/**
 * A source as one line of text, whatever shape the registry keeps it in: a string (citation or
 * URL), or an object with a `url` and/or a `title` (issue 10's structured sources). The URL wins,
 * because it is what a reader follows.
 */
export function sourceText(source: unknown): string {
  if (typeof source === "string") return source;
  if (source && typeof source === "object") {
    const { url, title } = source as { url?: unknown; title?: unknown };
    if (typeof url === "string" && url) return url;
    if (typeof title === "string") return title;
  }
  return JSON.stringify(source);
}

const URL_IN_TEXT = /https?:\/\/[^\s<>"]+/;

/** A source as a Popolo link ({ url, note }), or null when it names no URL (a printed document). */
export function sourceLink(source: unknown): { url: string; note: string } | null {
  const text = sourceText(source);
  const url =
    source && typeof source === "object" && typeof (source as { url?: unknown }).url === "string"
      ? (source as { url: string }).url
      : text.match(URL_IN_TEXT)?.[0];
  if (!url) return null;
  const title = source && typeof source === "object" ? (source as { title?: unknown }).title : source;
  return { url, note: typeof title === "string" ? title : url };
}

/** The links among a JSON array of sources. */
export const sourceLinks = (json: string | null) =>
  json ? (JSON.parse(json) as unknown[]).flatMap((s) => sourceLink(s) ?? []) : [];
