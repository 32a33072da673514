/** Checks a definition on the server (POST /schemes/validate) a moment after it last changed. */
import { useEffect, useRef, useState } from 'react';
import { api } from '../../api.ts';
import type { SchemeDefinition, ValidateResult } from './types.ts';

export type CheckState = {
  /** idle: nothing to check; checking: waiting for the server; done: `result` is for the latest input; failed: the call itself failed. */
  status: 'idle' | 'checking' | 'done' | 'failed';
  result: ValidateResult | null;
  error: unknown;
};

/**
 * Validates `definition` (null: nothing to check) `delayMs` after its last change; with an
 * organisation the answer also carries warnings about that locality's members (tiers no one falls in).
 */
export function useDefinitionCheck(definition: SchemeDefinition | unknown | null, opts: { orgId?: number; year?: number | null; delayMs?: number } = {}): CheckState {
  const { orgId, year, delayMs = 500 } = opts;
  const [state, setState] = useState<CheckState>({ status: 'idle', result: null, error: null });
  const body = definition == null ? null : JSON.stringify({ definition, orgId, year: typeof year === 'number' && year >= 2000 && year <= 2100 ? year : undefined });
  const last = useRef<string | null>(null);

  useEffect(() => {
    if (body === null) {
      last.current = null;
      setState({ status: 'idle', result: null, error: null });
      return undefined;
    }
    if (body === last.current) {
      setState((s) => (s.status === 'done' ? s : { ...s, status: 'done' }));
      return undefined;
    }
    setState((s) => (s.status === 'checking' ? s : { ...s, status: 'checking' }));
    const ctrl = new AbortController();
    const timer = window.setTimeout(() => {
      api.post<ValidateResult>('/schemes/validate', JSON.parse(body), { signal: ctrl.signal })
        .then((result) => {
          last.current = body;
          setState({ status: 'done', result, error: null });
        })
        .catch((error: unknown) => {
          if (error instanceof DOMException && error.name === 'AbortError') return;
          setState((s) => ({ ...s, status: 'failed', error }));
        });
    }, delayMs);
    return () => { window.clearTimeout(timer); ctrl.abort(); };
  }, [body, delayMs]);

  return state;
}
