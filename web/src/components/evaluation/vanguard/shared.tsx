/** Types and small parts shared by the 先锋承诺三方评价 page: a review row, the total as the server works it out, tags. */
import { Tag } from 'antd';
import type { TFunction } from '../../../i18n.ts';

export type Weights = { self: number; peer: number; org: number };

/** One row of GET /vanguard/reviews. */
export type Review = {
  id: number; countyId: number; memberId: number; memberName: string; orgName: string;
  selfScore: number | null; peerScores: number[]; peers: number; peerMean: number | null; orgScore: number | null;
  weights: Weights; total: number | null; complete: boolean; rank: number | null; recommended: boolean;
  excellent: boolean | null; decisionNote: string | null; rowVersion: number; actions: string[];
};

/** The caller's own review, GET /me/vanguard. */
export type MyReview = { year: number; memberName: string; applicable: boolean; review: { selfScore: number | null; excellent: boolean | null; decisionNote: string | null } | null };

export const DEFAULT_WEIGHTS: Weights = { self: 0.2, peer: 0.3, org: 0.5 };
/** A total at or above this, within the best third, is recommended. */
export const EXCELLENT_FROM = 90;

/** The weighted total of the parts given, the rule of the server's vanguardTotal (missing parts left out, the rest scaled up); for a preview only. */
export function previewTotal(w: Weights, self: number | null, peers: number[], org: number | null): number | null {
  const parts: [number, number][] = [];
  if (self !== null) parts.push([self, w.self]);
  if (peers.length) parts.push([peers.reduce((a, b) => a + b, 0) / peers.length, w.peer]);
  if (org !== null) parts.push([org, w.org]);
  const weight = parts.reduce((a, [, k]) => a + k, 0);
  return weight > 0 ? Math.round((parts.reduce((a, [v, k]) => a + v * k, 0) / weight) * 10) / 10 : null;
}

/** Whether the three weights sum to 1 (within rounding). */
export const weightsOk = (w: Weights) => Math.abs(w.self + w.peer + w.org - 1) < 1e-6;

/** Weights as percentages: 20/30/50. */
export const weightsText = (w: Weights) => [w.self, w.peer, w.org].map((x) => Math.round(x * 100)).join('/');

/** The year a review is most likely entered for: this year from November, else last year. */
export function defaultYear(today = new Date()): number {
  return today.getMonth() >= 10 ? today.getFullYear() : today.getFullYear() - 1;
}

/** The last few years, newest first, as Select options. */
export function yearOptions(t: TFunction) {
  const y = new Date().getFullYear();
  return Array.from({ length: 6 }, (_, i) => y - i).map((v) => ({ value: v, label: t('vg.yearN', { y: v }) }));
}

/** The 优秀党员 decision as a tag. */
export function DecisionTag({ excellent, t, testId }: { excellent: boolean | null; t: TFunction; testId?: string }) {
  const key = excellent === null ? 'none' : excellent ? 'yes' : 'no';
  return <Tag color={excellent === null ? 'default' : excellent ? 'red' : 'default'} data-testid={testId} data-decision={key}>{t(`vg.decision.${key}`)}</Tag>;
}
