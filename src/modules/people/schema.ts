/** Request and response schemas of members and residents. */
import { z } from 'zod';
import { PARTY_STATES, WORK_STATES } from '../../platform/db/schema.js';
import { IsoDate } from '../org/schema.js';
import { PHONE_RE } from './rules.js';

const text = (max: number) => z.string().trim().max(max).nullish();
export const Gender = z.enum(['男', '女']);
export const IdNumber = z.string().trim().regex(/^\d{17}[\dXx]$/, '身份证号应为18位').nullish();
export const Phone = z.string().trim().regex(PHONE_RE, '手机号应为11位，或带区号的固定电话').nullish();

const MemberBase = z.strictObject({
  orgId: z.number().int().positive(),
  homeCommunityId: z.number().int().positive().nullish(),
  name: z.string().trim().min(1).max(50),
  gender: Gender,
  ethnicity: z.string().trim().min(1).max(20),
  birthDate: IsoDate,
  idNumber: IdNumber,
  phone: Phone,
  education: text(20),
  category: z.enum(['正式党员', '预备党员']),
  joinDate: IsoDate,
  fullDate: IsoDate.nullish(),
  post: text(50),
  workplace: text(100),
  partyState: z.enum(PARTY_STATES),
  partyStateDate: IsoDate.nullish(),
  workState: z.enum(WORK_STATES),
  flowing: z.boolean(),
  tier: text(30),
});

/** A new member: unsaid fields take their usual values. */
export const MemberFields = MemberBase.extend({
  ethnicity: MemberBase.shape.ethnicity.default('汉族'),
  category: MemberBase.shape.category.default('正式党员'),
  partyState: MemberBase.shape.partyState.default('正常'),
  workState: MemberBase.shape.workState.default('在职'),
  flowing: MemberBase.shape.flowing.default(false),
});
export type MemberInput = z.infer<typeof MemberFields>;

/** A change: only the fields sent, with the version read. */
export const MemberUpdate = MemberBase.partial().extend({ version: z.number().int().positive() });

export const ListQuery = z.strictObject({
  orgId: z.coerce.number().int().positive().optional(),
  q: z.string().trim().max(50).optional(),
  partyState: z.enum(PARTY_STATES).optional(),
  category: z.enum(['正式党员', '预备党员']).optional(),
  workState: z.enum(WORK_STATES).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  sort: z.enum(['name', 'birthDate', 'joinDate']).default('name'),
  order: z.enum(['asc', 'desc']).default('asc'),
});
export type ListQuery = z.infer<typeof ListQuery>;

const ResidentBase = z.strictObject({
  communityId: z.number().int().positive(),
  gridId: z.number().int().positive().nullish(),
  name: z.string().trim().min(1).max(50),
  gender: Gender,
  birthDate: IsoDate.nullish(),
  idNumber: IdNumber,
  phone: Phone,
  address: text(200),
  isRepresentative: z.boolean(),
  isNonpartyRep: z.boolean(),
});
export const ResidentFields = ResidentBase.extend({
  isRepresentative: ResidentBase.shape.isRepresentative.default(false),
  isNonpartyRep: ResidentBase.shape.isNonpartyRep.default(false),
});
export type ResidentInput = z.infer<typeof ResidentFields>;
export const ResidentUpdate = ResidentBase.partial().extend({ version: z.number().int().positive() });

export const ResidentListQuery = z.strictObject({
  communityId: z.coerce.number().int().positive().optional(),
  q: z.string().trim().max(50).optional(),
  representative: z.enum(['rep', 'nonparty']).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
