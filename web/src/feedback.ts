/** Shows errors and confirmations the same way on every page: server message in the current language, field errors on the form. */
import { App } from 'antd';
import type { FormInstance } from 'antd';
import { useMemo } from 'react';
import { ApiError } from './api.ts';
import type { FieldIssue } from './api.ts';
import { translate, useLang } from './i18n.ts';
import type { Lang } from './i18n.ts';

function isFieldIssue(v: unknown): v is FieldIssue {
  return typeof v === 'object' && v !== null && Array.isArray((v as { path?: unknown }).path)
    && typeof (v as { message?: unknown }).message === 'string';
}

/** The message of an error in the given language. */
export function errorText(err: unknown, lang: Lang): string {
  if (err instanceof ApiError) {
    if (err.code === 'NETWORK') return translate('common.networkError', undefined, lang);
    return lang === 'en' ? err.messageEn : err.message;
  }
  if (err instanceof Error) return err.message;
  return String(err);
}

/** The field issues of a VALIDATION error, if any. */
export function fieldIssues(err: unknown): FieldIssue[] {
  if (!(err instanceof ApiError) || !Array.isArray(err.details)) return [];
  return err.details.filter(isFieldIssue);
}

/** Puts server field errors on the matching form fields; returns how many matched. */
export function applyFieldErrors(form: FormInstance, err: unknown, lang: Lang): number {
  const registered = new Set(Object.keys(form.getFieldsValue(true) as Record<string, unknown>));
  const fields: { name: string; errors: string[] }[] = [];
  for (const issue of fieldIssues(err)) {
    const names = issue.path.map(String);
    const name = [...names].reverse().find((n) => registered.has(n));
    if (!name) continue;
    fields.push({ name, errors: [lang === 'en' && issue.messageEn ? issue.messageEn : issue.message] });
  }
  if (fields.length) form.setFields(fields);
  return fields.length;
}

/** Error and success toasts bound to the antd App context and the current language. */
export function useFeedback() {
  const { message } = App.useApp();
  const lang = useLang();
  return useMemo(() => ({
    /** Shows an error; a 401 is left to the login redirect. */
    error(err: unknown, form?: FormInstance): void {
      if (err instanceof DOMException && err.name === 'AbortError') return;
      if (err instanceof ApiError && err.status === 401 && err.code !== 'BAD_CREDENTIALS' && err.code !== 'SECOND_FACTOR_REQUIRED') return;
      if (err instanceof ApiError && (err.code === 'PASSWORD_CHANGE_REQUIRED' || err.code === 'TOTP_SETUP_REQUIRED')) return;
      if (form) applyFieldErrors(form, err, lang);
      void message.error(errorText(err, lang));
    },
    success(text?: string): void {
      void message.success(text ?? translate('common.done', undefined, lang));
    },
  }), [message, lang]);
}
