/** List state (page, sort, filters) kept in the address, so Back from a detail page returns to the same list. */
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';

/** Page, page size and sort of a server-side list. */
export type ListState = { page: number; pageSize: number; sort?: string; order?: 'asc' | 'desc' };

/** Reads and writes list state and string filters in the query string. */
export function useListParams(filterKeys: readonly string[], defaultPageSize = 20) {
  const [params, setParams] = useSearchParams();

  const state = useMemo<ListState>(() => {
    const order = params.get('order');
    return {
      page: Math.max(1, Number(params.get('page')) || 1),
      pageSize: Math.min(200, Number(params.get('pageSize')) || defaultPageSize),
      sort: params.get('sort') ?? undefined,
      order: order === 'asc' || order === 'desc' ? order : undefined,
    };
  }, [params, defaultPageSize]);

  const filters = useMemo(() => {
    const out: Record<string, string | undefined> = {};
    for (const k of filterKeys) out[k] = params.get(k) ?? undefined;
    return out;
  }, [params, filterKeys]);

  /** Merges changes; a change of any filter goes back to page 1. */
  const update = useCallback((changes: Record<string, string | number | undefined | null>) => {
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      let filterChanged = false;
      for (const [k, v] of Object.entries(changes)) {
        if (filterKeys.includes(k) && (prev.get(k) ?? undefined) !== (v == null || v === '' ? undefined : String(v))) filterChanged = true;
        if (v === undefined || v === null || v === '') next.delete(k);
        else next.set(k, String(v));
      }
      if (filterChanged && !('page' in changes)) next.delete('page');
      return next;
    }, { replace: true });
  }, [setParams, filterKeys]);

  /** Clears every filter and the sort. */
  const reset = useCallback(() => setParams(new URLSearchParams(), { replace: true }), [setParams]);

  return { state, filters, update, reset };
}
