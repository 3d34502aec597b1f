/** Load once per key; the previous value stays on screen while the next loads, so nothing jumps. */
import { useEffect, useState } from 'react';

export type Loaded<T> = { state: 'loading'; value: T | null } | { state: 'ready'; value: T } | { state: 'error'; reason: string; value: T | null };

export function useLoad<T>(key: string, load: () => Promise<T>): Loaded<T> {
  const [loaded, setLoaded] = useState<Loaded<T>>({ state: 'loading', value: null });
  useEffect(() => {
    let live = true;
    setLoaded((prev) => ({ state: 'loading', value: prev.value }));
    load().then(
      (value) => live && setLoaded({ state: 'ready', value }),
      (err: unknown) => live && setLoaded((prev) => ({ state: 'error', reason: err instanceof Error ? err.message : String(err), value: prev.value })),
    );
    return () => {
      live = false;
    };
    // The key names what is loaded; load closes over the same values.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return loaded;
}
