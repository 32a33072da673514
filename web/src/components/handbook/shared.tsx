/** Shapes and small helpers of the member's 积分手册 and the 亮分榜. */
import { Tag } from 'antd';
import type { TFunction } from '../../i18n.ts';

/** A grade band of a scheme. */
export type HandbookBand = { code: string; name: string; from: number | null; to: number | null; fromInclusive: boolean; toInclusive: boolean };

/** An indicator that applies to the member. */
export type HandbookIndicator = { code: string; name: string; kind: 'add' | 'subtract'; points: number; capPerYear: number | null };

/** One line of the member's handbook. */
export type HandbookEntry = {
  id: number;
  occurredOn: string;
  indicator: string;
  indicatorName: string;
  points: number;
  status: 'confirmed' | 'pending' | 'rejected';
  evidence: string | null;
  correctsId: number | null;
  correctedBy: number | null;
  recordedByName: string | null;
  runningTotal: number;
};

/** The handbook of one scheme and year. */
export type Handbook = {
  scheme: { id: number; name: string; version: number; year: number };
  member: { id: number; name: string };
  year: number;
  tier: string | null;
  tierName: string | null;
  baseScore: number;
  total: number;
  rank: number | null;
  of: number;
  grade: string | null;
  gradeName: string | null;
  pending: number;
  bands: HandbookBand[];
  indicators: HandbookIndicator[];
  months: { month: number; points: number }[];
  entries: HandbookEntry[];
};

/** GET /me/points */
export type MyPoints = { schemes: { id: number; name: string }[]; handbook: Handbook | null };

/** One row of a board. */
export type BoardItem = {
  memberId: number | null;
  name: string;
  tier: string | null;
  tierName: string | null;
  total: number;
  rank: number;
  grade: string | null;
  gradeName: string | null;
  probationary: boolean;
};

/** GET /points/board */
export type Board = { scheme: { id: number; name: string; version: number }; org: { id: number; name: string }; year: number; items: BoardItem[] };

/** Points rounded to at most two decimals, as text. */
export function fmt(n: number): string {
  return String(Math.round(n * 100) / 100);
}

/** Points with their sign: +2, −1.5, 0. */
export function signed(n: number): string {
  if (n > 0) return `+${fmt(n)}`;
  if (n < 0) return `−${fmt(-n)}`;
  return '0';
}

/** Colour of added and subtracted points. */
export const ADD_COLOUR = '#389e0d';
export const SUBTRACT_COLOUR = '#cf1322';

/** This year and the five before it, newest first. */
export function recentYears(): number[] {
  const y = new Date().getFullYear();
  return Array.from({ length: 6 }, (_, i) => y - i);
}

/** The interval of a band in words: "90 分及以上", "60 分（含）至 75 分（不含）". */
export function bandRange(b: HandbookBand, t: TFunction): string {
  if (b.from !== null && b.to !== null) {
    return t('handbook.band.between', {
      from: fmt(b.from), to: fmt(b.to),
      fi: t(b.fromInclusive ? 'handbook.band.incl' : 'handbook.band.excl'),
      ti: t(b.toInclusive ? 'handbook.band.incl' : 'handbook.band.excl'),
    });
  }
  if (b.from !== null) return t(b.fromInclusive ? 'handbook.band.atLeast' : 'handbook.band.above', { from: fmt(b.from) });
  if (b.to !== null) return t(b.toInclusive ? 'handbook.band.atMost' : 'handbook.band.below', { to: fmt(b.to) });
  return t('handbook.band.any');
}

/** A band explained: "90 分及以上为优秀". */
export function bandSentence(b: HandbookBand, t: TFunction): string {
  return t('handbook.band.is', { range: bandRange(b, t), name: b.name });
}

/** Bands from the lowest score to the highest (schemes usually list them so; this makes sure). */
export function bandsAscending<T extends { from: number | null; to: number | null }>(bands: T[]): T[] {
  const key = (b: T) => b.from ?? (b.to !== null ? b.to - 1e9 : -Infinity);
  return [...bands].sort((a, b) => key(a) - key(b));
}

const BAND_TAGS = ['red', 'orange', 'blue', 'green'];
const BAND_HEX = ['#cf1322', '#fa8c16', '#1677ff', '#52c41a'];

function slot(code: string | null, ascending: { code: string }[]): number {
  const i = ascending.findIndex((b) => b.code === code);
  if (i < 0) return -1;
  const n = ascending.length;
  if (n <= 1) return 2;
  const r = i / (n - 1);
  return r < 0.25 ? 0 : r < 0.5 ? 1 : r < 0.99 ? 2 : 3;
}

/** Tag colour of a grade, from the lowest band (red) to the highest (green), as on the points pages. */
export function gradeTagColour(code: string | null, ascending: { code: string }[]): string {
  const s = slot(code, ascending);
  return s < 0 ? 'default' : BAND_TAGS[s];
}

/** Chart colour of a grade. */
export function gradeHex(code: string | null, ascending: { code: string }[]): string {
  const s = slot(code, ascending);
  return s < 0 ? '#bfbfbf' : BAND_HEX[s];
}

/** A grade tag; null shows 不定等. */
export function GradeTag({ code, name, ascending, t, testId }: { code: string | null; name: string | null; ascending: { code: string }[]; t: TFunction; testId?: string }) {
  return (
    <Tag color={gradeTagColour(code, ascending)} data-grade={code ?? ''} data-testid={testId} style={{ marginInlineEnd: 0 }}>
      {code === null ? t('board.ungraded') : name ?? code}
    </Tag>
  );
}

/** Scrolls to an element and flashes it, for links between an entry and its reversal or to one's own row. */
export function scrollToAndFlash(id: string): void {
  const el = document.getElementById(id);
  if (!el) return;
  el.scrollIntoView({ behavior: 'smooth', block: 'center' });
  el.animate?.([{ backgroundColor: '#fff1b8' }, { backgroundColor: 'transparent' }], { duration: 1600 });
}
