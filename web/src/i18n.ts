/**
 * A tiny i18n: one dictionary of [中文, English] pairs, the language kept in localStorage,
 * and a `useT()` hook that re-renders on a switch. Simplified Chinese is the default.
 */
import { useCallback, useSyncExternalStore } from 'react';
import { commonMessages, valueLabelsEn } from './messages/common.ts';
import { orgMessages } from './messages/org.ts';
import { peopleMessages } from './messages/people.ts';
import { adminMessages } from './messages/admin.ts';
import { accountMessages } from './messages/account.ts';
import { schemeMessages } from './messages/scheme.ts';
import { pointsMessages } from './messages/points.ts';
import { handbookMessages } from './messages/handbook.ts';
import { starsMessages } from './messages/stars.ts';
import { starsResultsMessages } from './messages/stars-results.ts';
import { starStandardMessages } from './messages/star-standard.ts';
import { evaluationMessages } from './messages/evaluation.ts';
import { commitmentsMessages } from './messages/commitments.ts';
import { requestsMessages } from './messages/requests.ts';
import { vanguardMessages } from './messages/vanguard.ts';
import { requestsPublicMessages } from './messages/requests-public.ts';
import { serviceMessages } from './messages/service.ts';
import { gridMessages } from './messages/grid.ts';

/** The two supported languages. */
export type Lang = 'zh-CN' | 'en';

const dictionary = { ...commonMessages, ...orgMessages, ...peopleMessages, ...adminMessages, ...accountMessages, ...schemeMessages, ...pointsMessages, ...handbookMessages, ...starsMessages, ...starsResultsMessages, ...starStandardMessages, ...evaluationMessages, ...commitmentsMessages, ...requestsMessages, ...vanguardMessages, ...requestsPublicMessages, ...serviceMessages, ...gridMessages };

/** Every known message key. */
export type MsgKey = keyof typeof dictionary;

/** Values substituted for `{name}` placeholders. */
export type MsgVars = Record<string, string | number>;

/** A translate function bound to the current language. */
export type TFunction = (key: MsgKey, vars?: MsgVars) => string;

const STORAGE_KEY = 'xf.lang';
const listeners = new Set<() => void>();

function initialLang(): Lang {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === 'en' || saved === 'zh-CN') return saved;
  } catch {
    // storage unavailable: fall back to Chinese
  }
  return 'zh-CN';
}

let current: Lang = initialLang();

/** The current language, outside React. */
export function getLang(): Lang {
  return current;
}

/** Switches the language, remembers it and re-renders every subscriber. */
export function setLang(lang: Lang): void {
  if (lang === current) return;
  current = lang;
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // ignore: the switch still applies to this tab
  }
  document.documentElement.lang = lang;
  listeners.forEach((l) => l());
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Translates a key in the given language (defaults to the current one). */
export function translate(key: MsgKey, vars?: MsgVars, lang: Lang = current): string {
  const pair = dictionary[key];
  let text: string = lang === 'en' ? pair[1] : pair[0];
  if (vars) {
    for (const [k, v] of Object.entries(vars)) text = text.split(`{${k}}`).join(String(v));
  }
  return text;
}

/** Shows a stored Chinese value (党籍状态, 类别 …) in the current language. */
export function valueLabel(value: string | null | undefined, lang: Lang = current): string {
  if (value == null) return '';
  return lang === 'en' ? (valueLabelsEn[value] ?? value) : value;
}

/** The current language as React state. */
export function useLang(): Lang {
  return useSyncExternalStore(subscribe, getLang, getLang);
}

/** The translate function for the current language; components re-render on a switch. */
export function useT(): TFunction {
  const lang = useLang();
  return useCallback((key: MsgKey, vars?: MsgVars) => translate(key, vars, lang), [lang]);
}

/** Options for a Select built from Chinese stored values, labelled in the current language. */
export function valueOptions(values: readonly string[], lang: Lang): { value: string; label: string }[] {
  return values.map((v) => ({ value: v, label: valueLabel(v, lang) }));
}
