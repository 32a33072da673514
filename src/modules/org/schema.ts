/** Request and response schemas of the organisation routes. */
import { z } from 'zod';
import { ORG_KINDS } from '../../platform/db/schema.js';

export const IsoDate = z.iso.date({ message: '日期格式应为 YYYY-MM-DD' });
export const Id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
export const IdParams = z.strictObject({ id: Id });
const opt = (s: z.ZodString) => s.nullish();

export const OrgFields = z.strictObject({
  name: z.string().trim().min(1).max(100),
  shortName: opt(z.string().trim().max(50)),
  code: opt(z.string().trim().regex(/^[A-Za-z0-9-]{1,40}$/, '组织代码只能含字母、数字和连字符')),
  establishedOn: IsoDate.nullish(),
  unitName: opt(z.string().trim().max(100)),
  unitNature: opt(z.string().trim().max(50)),
  secretaryName: opt(z.string().trim().max(50)),
  contactPhone: opt(z.string().trim().regex(/^[0-9+\- ]{5,20}$/, '电话号码格式不正确')),
  address: opt(z.string().trim().max(200)),
  electedOn: IsoDate.nullish(),
  termYears: z.number().int().min(1).max(10).nullish(),
});

export const OrgCreate = OrgFields.extend({ parentId: z.number().int().positive(), kind: z.enum(ORG_KINDS) });
export const OrgUpdate = OrgFields.partial().extend({ version: z.number().int().positive() });
export const OrgMove = z.strictObject({ parentId: z.number().int().positive() });

export const OrgNode = z.object({
  id: z.number(), parentId: z.number().nullable(), kind: z.string(), name: z.string(), childCount: z.number(), actions: z.array(z.string()),
});
export const OrgList = z.object({ items: z.array(OrgNode) });
