/** Shapes of the 点对点服务 and 志愿服务 API as the screens use them, and small shared helpers. */
import type { MsgKey } from '../../i18n.ts';

export const NEED_KINDS = ['高龄', '独居', '残疾', '困难家庭', '留守儿童', '重病', '其他'] as const;
export type ServiceState = 'claimed' | 'served' | 'confirmed' | 'withdrawn';
export const SERVICE_STATES: ServiceState[] = ['claimed', 'served', 'confirmed', 'withdrawn'];
export const STATE_COLORS: Record<ServiceState, string> = { claimed: 'blue', served: 'orange', confirmed: 'green', withdrawn: 'default' };

/** A row of GET /service-needs. */
export type Need = {
  id: number; communityId: number; communityName: string; residentId: number; residentName: string; kind: string; need: string; state: 'open' | 'closed';
  createdAt: string; rowVersion: number; address: string | null; phoneMasked: string | null; activeId: number | null; activeMember: string | null; activeState: ServiceState | null;
  served: number; confirmed: number; actions: string[];
};

/** A service (claim) as GET /service-needs/services and /my-services send it. */
export type Service = {
  id: number; needId: number; memberId: number; memberName: string; state: ServiceState; stateName: string; servedOn: string | null; record: string | null; hours: number | null;
  satisfaction: number | null; satisfactionName: string | null; confirmedAt: string | null; points: number | null; rowVersion: number; claimedAt: string;
  communityId: number; communityName: string; residentId: number; residentName: string; kind: string; need: string; address: string | null; phoneMasked: string | null; actions: string[];
};

/** An open need as a member sees it (GET /service-needs/open). */
export type OpenNeed = { id: number; communityId: number; communityName: string; residentName: string; kind: string; need: string; served: number; actions: string[] };

/** What a confirmation gave. */
export type Award = { given: true; entryId: number; points: number } | { given: false; reason: string; reasonEn: string };

/** A point rule (GET /service-needs/rules). */
export type Rule = { id: number; orgId: number; orgName: string; schemeId: number; schemeName: string; indicator: string; indicatorName: string | null; createdAt: string };

/** A volunteer activity (GET /volunteer/activities). */
export type Activity = {
  id: number; teamId: number; teamName: string; orgId: number; orgName: string; title: string; place: string; startsAt: string; endsAt: string; places: number;
  state: 'open' | 'done' | 'cancelled'; note: string | null; rowVersion: number; signed: number; attended: number; hours: number; full: boolean; mine: number | null; maxHours: number; actions: string[];
};
export type Signup = { id: number; personKind: 'member' | 'resident'; personId: number; name: string; attended: boolean | null; hours: number | null; signedAt: string };
export type ActivityDetail = Activity & { signups: Signup[] };

/** The message key of a service state. */
export const stateKey = (s: ServiceState) => `svc.sstate.${s}` as MsgKey;

/** "2026-05-01 09:00" in the browser's time zone. */
export function minuteText(iso: string): string {
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** The public confirmation link of a code: the code after `#`, so it never reaches a server log. */
export function confirmLink(code: string): string {
  return `${window.location.origin}/public/services/confirm#code=${encodeURIComponent(code)}`;
}
