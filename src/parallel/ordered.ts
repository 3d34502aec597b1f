/**
 * Ordered concurrent map over a stream: at most `window` calls in flight, the
 * source is not pulled while the window is full (back-pressure keeps memory
 * flat on any input size), and results come out in input order.
 */
export async function* orderedMap<I, O>(source: AsyncIterable<I> | Iterable<I>, fn: (item: I) => Promise<O>, window: number): AsyncGenerator<O> {
  const size = Math.max(1, Math.floor(window));
  const inFlight: Array<Promise<O>> = [];
  for await (const item of source) {
    const running = fn(item);
    // A rejection is surfaced when its turn comes; until then it must not count as unhandled.
    running.catch(() => {});
    inFlight.push(running);
    if (inFlight.length >= size) yield await inFlight.shift()!;
  }
  while (inFlight.length > 0) yield await inFlight.shift()!;
}
