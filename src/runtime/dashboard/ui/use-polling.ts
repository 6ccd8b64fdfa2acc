import { useEffect, useState } from "preact/hooks";

/** How often a view asks again: the page stays live without a reload. */
export const POLL_MS = 3_000;

/**
 * Loads `load` now and every POLL_MS while `key` stays the same; an answer to an older key is
 * dropped, so a quick filter change never shows the rows of the one before. `bump` loads at once.
 */
export function usePolling<T>(key: string, load: () => Promise<T>): { data?: T; error?: string; bump: () => void } {
  const [state, setState] = useState<{ key: string; data?: T; error?: string }>({ key });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const run = () => {
      load().then(
        (data) => { if (live) setState({ key, data }); },
        (error: unknown) => { if (live) setState((s) => ({ ...s, key, error: error instanceof Error ? error.message : String(error) })); },
      ).finally(() => { if (live) timer = setTimeout(run, POLL_MS); });
    };
    run();
    return () => { live = false; if (timer) clearTimeout(timer); };
  }, [key, tick]);
  const current = state.key === key ? state : { key };
  return { ...(current.data === undefined ? {} : { data: current.data }), ...(current.error === undefined ? {} : { error: current.error }), bump: () => setTick((t) => t + 1) };
}
