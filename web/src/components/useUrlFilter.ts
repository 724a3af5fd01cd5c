// A list page's filter kept in its address (?state=…&from=…): a filtered list can be bookmarked and sent on, and
// back/forward keep it; 清空筛选 clears only the filter. Only the named keys are read; an empty value removes its key; other parameters (the tab)
// stay; a change replaces the history entry rather than adding one per keystroke.
import { useSearchParams } from 'react-router';

export function useUrlFilter<F extends object>(keys: readonly (keyof F & string)[]) {
  const [params, setParams] = useSearchParams();
  const filter = Object.fromEntries(keys.map((k) => [k, params.get(k) ?? undefined]).filter(([, v]) => v)) as F;
  const set = (patch: { [K in keyof F]?: string | undefined }) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch))
      if (v) next.set(k, v as string);
      else next.delete(k);
    setParams(next, { replace: true });
  };
  /** 清空筛选: every filter key gone, the other parameters kept. */
  const clear = () => set(Object.fromEntries(keys.map((k) => [k, undefined])) as { [K in keyof F]?: string });
  return [filter, set, clear, params] as const;
}
