/** Every kind of audit event, one enum. */
import { z } from 'zod';

export const AuditEventType = z.enum([
  'system.initialised', 'demo.loaded',
  'auth.login', 'auth.login_failed', 'auth.locked', 'auth.logout', 'auth.password_changed',
  'auth.totp_enabled', 'auth.token_created', 'auth.token_revoked',
  'user.created', 'user.updated', 'user.grant_added', 'user.grant_removed', 'user.password_reset', 'user.unlocked',
  'security.policy_updated', 'settings.updated',
  'org.created', 'org.updated', 'org.moved',
  'unit.created', 'unit.updated', 'grid.created', 'grid.updated',
  'member.created', 'member.updated', 'member.sensitive_viewed',
  'resident.created', 'resident.updated', 'resident.sensitive_viewed',
  'team.created', 'team.person_added', 'team.person_removed',
  'import.completed', 'import.failed', 'export.created',
  'file.uploaded', 'job.scheduled', 'job.done',
  'scheme.created', 'scheme.version_saved', 'scheme.archived',
  'points.recorded', 'points.reversed', 'points.confirmed', 'points.rejected', 'points.imported', 'points.awarded',
  'run.computed', 'run.published', 'task.opened', 'task.updated',
  'star.standard_saved', 'star.applied', 'star.self_assessed', 'star.step', 'star.objection_lodged', 'star.objection_answered', 'star.objection_contact_viewed',
  'star.five_good_set', 'star.award_given', 'star.award_revoked',
  'eval.created', 'eval.step', 'commitment.made', 'commitment.progressed', 'commitment.closed',
  'post.opened', 'post.claimed', 'post.duty', 'post.closed', 'vanguard.scored', 'vanguard.decided', 'calendar.updated', 'system.clock_set',
  'request.category_saved', 'request.raised', 'request.triaged', 'request.assigned', 'request.delivered', 'request.started', 'request.resolved', 'request.closed',
  'request.confirmed', 'request.reopened', 'request.escalated', 'request.merged', 'request.noted', 'request.contact_viewed',
  'household.created', 'household.updated', 'visit.recorded', 'contact_link.added', 'contact_link.ended', 'review.held', 'hall_case.opened', 'hall_case.finished', 'hall_kind.saved',
  'service.need_recorded', 'service.need_updated', 'service.need_closed', 'service.claimed', 'service.withdrawn', 'service.served', 'service.code_viewed', 'service.confirmed',
  'service.rule_set', 'service.rule_removed', 'volunteer.activity_created', 'volunteer.activity_cancelled', 'volunteer.signed_up', 'volunteer.signup_cancelled', 'volunteer.attendance_recorded',
]);
export type AuditEventType = z.infer<typeof AuditEventType>;

/** What a caller supplies; the store adds time, sequence and hashes. */
export type AuditInput = {
  type: AuditEventType;
  actorId?: number | null;
  actorName?: string | null;
  /** The county the change belongs to; null for system-wide events. */
  countyId?: number | null;
  orgId?: number | null;
  orgPath?: string | null;
  targetType?: string | null;
  targetId?: string | number | null;
  data?: Record<string, unknown>;
  ip?: string | null;
};
