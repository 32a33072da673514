/** Request shapes of 评星晋级 (they feed validation and OpenAPI). */
import { z } from 'zod';
import { PETITION_LEVELS } from './standard.js';
import { STEPS } from './workflow.js';

export const Year = z.coerce.number().int().min(2000).max(2100);
const Level = z.number().int().min(1).max(5);
const Count = z.number().int().min(0).max(10_000);
const Text = (max: number) => z.string().trim().max(max);
const Pct = z.number().finite().min(0).max(100);
const TitleLevel = z.union([z.enum(['none', 'county', 'city', 'province', 'national']), z.literal(1), z.literal(2), z.literal(3)]).nullish();

/** The measurable facts of a community's year (what the self-assessment states). */
export const FactsBody = z.strictObject({
  metrics: z.strictObject({ mediationRate: Pct.nullish(), mediationSuccessRate: Pct.nullish() }).default({}),
  disclosureMonths: z.array(z.number().int().min(1).max(12)).max(12).default([]),
  /** Highest level held: a rank (county/city/province/national), for culture a grade 3/2/1; 'none' when not held. */
  titles: z.strictObject({
    civilised: TitleLevel, culture: TitleLevel, health: TitleLevel, learningParty: TitleLevel, countyReport: TitleLevel, harmony: TitleLevel, integrityModel: TitleLevel,
  }).default({}),
  incidents: z.strictObject({ homicide: Count.nullish(), majorCriminalCase: Count.nullish(), safetyAccident: Count.nullish(), viceCase: Count.nullish() }).default({}),
  safetyAccident: z.strictObject({ deaths: Count, seriousInjuries: Count }).nullish(),
  petitions: z.strictObject({ furthestCollective: z.enum(PETITION_LEVELS), beijingIndividual: z.boolean() }).nullish(),
});

/** One piece of evidence: a note, a link, or an uploaded file (its id from /files). */
export const Evidence = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('text'), text: Text(1000).min(1) }),
  z.strictObject({ kind: z.literal('link'), url: z.url().max(500), title: Text(100).nullish() }),
  z.strictObject({ kind: z.literal('file'), fileId: z.number().int().positive(), name: Text(200).nullish() }),
]);

/** The applicant's word on one criterion. */
export const Claim = z.strictObject({ met: z.boolean(), note: Text(1000).nullish(), evidence: z.array(Evidence).max(10).default([]) });

export const SelfAssessBody = z.strictObject({
  facts: FactsBody,
  claims: z.record(z.string().regex(/^[A-Za-z0-9_.-]{1,24}$/), Claim).refine((o) => Object.keys(o).length <= 200, '最多200项'),
  rowVersion: z.number().int().positive(),
});

export const ApplyBody = z.strictObject({ orgId: z.number().int().positive(), year: z.number().int().min(2000).max(2100), level: Level });

export const StepBody = z.strictObject({
  step: z.enum(STEPS),
  level: Level.optional(),
  comment: Text(2000).nullish(),
  /** The street's assessment per criterion code. */
  assessment: z.record(z.string().max(24), z.strictObject({ score: z.number().finite().min(0).max(100).nullish(), met: z.boolean().nullish(), comment: Text(500).nullish() })).nullish(),
  vetoes: z.array(z.string().max(24)).max(20).optional(),
  docNumber: Text(60).min(1).nullish(),
  rowVersion: z.number().int().positive(),
});

export const ListQuery = z.strictObject({
  year: Year.optional(),
  state: z.enum(['draft', 'submitted', 'returned', 'assessed', 'approved', 'notice', 'published', 'refused']).optional(),
  orgId: z.coerce.number().int().positive().optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export const ObjectionBody = z.strictObject({
  name: Text(50).nullish(),
  contact: Text(100).min(5, '请留下电话或其他联系方式'),
  content: Text(2000).min(5, '请写明异议内容，至少5个字'),
});

export const AnswerBody = z.strictObject({
  decision: z.enum(['upheld', 'dismissed']),
  answer: Text(2000).min(2, '请写明答复'),
  outcome: z.discriminatedUnion('kind', [z.strictObject({ kind: z.literal('refuse') }), z.strictObject({ kind: z.literal('lower'), level: Level })]).optional(),
});

export const StandardBody = z.strictObject({ year: z.number().int().min(2000).max(2100), definition: z.unknown(), note: Text(200).nullish() });
