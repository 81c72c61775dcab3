/**
 * Large answers (the dataset exports) sent as they are read: a ReadableStream that asks for its
 * next piece only when the client has taken the last one (`pull`), so the Worker holds one page of
 * rows at a time, never a whole table, whatever the table's size.
 */

/** Pages of rows read by keyset pagination: each page starts after the last row's key, never at an offset. */
export async function* keysetPages<K, R>(
  fetchPage: (after: K | undefined, limit: number) => Promise<R[]>,
  keyOf: (row: R) => K,
  pageSize: number,
): AsyncGenerator<R[]> {
  let after: K | undefined;
  for (;;) {
    const rows = await fetchPage(after, pageSize);
    if (rows.length > 0) yield rows;
    if (rows.length < pageSize) return;
    after = keyOf(rows[rows.length - 1]!);
  }
}

/** A UTF-8 byte stream of the text pieces, each produced only when the reader pulls. */
export function textStream(pieces: AsyncIterable<string>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = pieces[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { value, done } = await iterator.next();
      if (done) controller.close();
      else controller.enqueue(encoder.encode(value));
    },
    async cancel() {
      await iterator.return?.(undefined);
    },
  });
}
