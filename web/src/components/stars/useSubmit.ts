/**
 * The submit of a dialog's form: busy while the request runs; a refusal shown at its fields and as
 * one message above the form.
 */
import { useCallback, useState } from 'react';
import type { FormInstance } from 'antd';
import { applyFieldErrors, errorText } from '../../feedback.ts';
import { useLang } from '../../i18n.ts';

/** `run(work)` does the work; `busy` and `error` describe the last run. */
export function useSubmit(form: FormInstance) {
  const lang = useLang();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (err) {
      applyFieldErrors(form, err, lang);
      setError(errorText(err, lang));
    } finally {
      setBusy(false);
    }
  }, [form, lang]);
  return { busy, error, setError, run };
}
