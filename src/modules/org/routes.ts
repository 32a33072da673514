/** /api/v1/orgs: the organisation tree, its records, moves and setting/upgrade flags. */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, errors } from '../../platform/errors.js';
import { actionsAt, requireAccess, scopePaths, requireCapability, type Actor } from '../../platform/auth/access.js';
import { insertEvent } from '../../platform/audit/store.js';
import { getSetting, putSetting } from '../../platform/settings.js';
import { actorOf, who, type AppContext } from '../../platform/http/context.js';
import { CHILD_KINDS, DEFAULT_ORG_RULES, ORG_KIND_LABELS, OrgRules, moveProblem, orgFlags, rollUp } from './rules.js';
import { IdParams, OrgCreate, OrgList, OrgMove, OrgUpdate } from './schema.js';
import * as store from './store.js';

const NODE_ACTIONS = ['org.read', 'org.write', 'member.read', 'member.write', 'import', 'export'] as const;
const present = (actor: Actor, n: store.OrgNodeRow) => ({ id: n.id, parentId: n.parentId, kind: n.kind, name: n.name, childCount: n.childCount, actions: actionsAt(actor, n.path, NODE_ACTIONS) });

/** The organisation routes plugin. */
export const orgRoutes: FastifyPluginAsync<AppContext> = async (app0, ctx) => {
  const app = app0.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx;
  const tags = ['orgs'];

  app.get('/orgs/roots', { schema: { tags, summary: '可见范围的根组织 / roots of the caller\'s scope', response: { 200: OrgList } } }, async (req) => {
    const actor = actorOf(req);
    const items = await store.byPaths(db, scopePaths(actor, 'org.read'));
    return { items: items.map((n) => present(actor, n)) };
  });

  app.get('/orgs', { schema: { tags, summary: '下级组织 / children', querystring: z.strictObject({ parentId: z.coerce.number().int().positive() }), response: { 200: OrgList } } }, async (req) => {
    const actor = actorOf(req);
    await requireAccess(db, actor, 'org.read', [req.query.parentId]);
    const items = await store.children(db, req.query.parentId);
    return { items: items.map((n) => present(actor, n)) };
  });

  app.get('/orgs/search', { schema: { tags, summary: '按名称查找组织 / search by name', querystring: z.strictObject({ q: z.string().trim().min(1).max(50) }), response: { 200: OrgList } } }, async (req) => {
    const actor = actorOf(req);
    const items = await store.search(db, req.query.q, scopePaths(actor, 'org.read'));
    return { items: items.map((n) => present(actor, n)) };
  });

  app.get('/orgs/kinds', { schema: { tags, summary: '组织类别 / organisation kinds' } }, async () => ({ labels: ORG_KIND_LABELS, children: CHILD_KINDS }));

  app.get('/orgs/:id', { schema: { tags, summary: '组织详情 / an organisation', params: IdParams } }, async (req) => {
    const actor = actorOf(req);
    await requireAccess(db, actor, 'org.read', [req.params.id]);
    const org = (await store.getOrg(db, req.params.id))!;
    const { path: _p, ...rest } = org;
    return { org: rest, ancestors: await store.ancestors(db, org.path), actions: actionsAt(actor, org.path), childKinds: CHILD_KINDS[org.kind] ?? [] };
  });

  app.post('/orgs', { schema: { tags, summary: '新建下级组织 / create an organisation', body: OrgCreate } }, async (req) => {
    const actor = actorOf(req);
    const { parentId, ...values } = req.body;
    await requireAccess(db, actor, 'org.write', [parentId]);
    const parent = (await store.getOrg(db, parentId))!;
    if (!CHILD_KINDS[parent.kind]?.includes(values.kind)) {
      throw new AppError('VALIDATION', `“${ORG_KIND_LABELS[parent.kind].zh}”之下不能设“${ORG_KIND_LABELS[values.kind].zh}”`, `a ${values.kind} cannot sit under a ${parent.kind}`, [{ path: ['kind'], message: 'not allowed here' }]);
    }
    const org = await db.transaction(async (tx) => {
      const o = await store.insertOrg(tx, parent, values);
      await insertEvent(tx, { type: 'org.created', ...who(actor), countyId: o.countyId, orgId: o.id, orgPath: o.path, targetType: 'org', targetId: o.id, data: { ...values, parentId } });
      return o;
    });
    return { id: org.id };
  });

  app.patch('/orgs/:id', { schema: { tags, summary: '修改组织信息 / update an organisation', params: IdParams, body: OrgUpdate } }, async (req) => {
    const actor = actorOf(req);
    await requireAccess(db, actor, 'org.write', [req.params.id]);
    const { version, ...values } = req.body;
    const before = (await store.getOrg(db, req.params.id))!;
    const org = await db.transaction(async (tx) => {
      const o = await store.updateOrg(tx, req.params.id, version, values);
      if (!o) throw new AppError('VERSION_CONFLICT', '该记录已被他人修改，请刷新后重试', 'changed by someone else: reload and retry', { version: before.version });
      const changes = Object.fromEntries(Object.keys(values).map((k) => [k, { from: before[k as keyof typeof before] ?? null, to: o[k as keyof typeof o] ?? null }]));
      await insertEvent(tx, { type: 'org.updated', ...who(actor), countyId: o.countyId, orgId: o.id, orgPath: o.path, targetType: 'org', targetId: o.id, data: { changes } });
      return o;
    });
    return { id: org.id, version: org.version };
  });

  app.post('/orgs/:id/move', { schema: { tags, summary: '移动组织（含下级）/ move a subtree', params: IdParams, body: OrgMove } }, async (req) => {
    const actor = actorOf(req);
    await requireAccess(db, actor, 'org.write', [req.params.id, req.body.parentId]);
    const org = (await store.getOrg(db, req.params.id))!;
    const parent = (await store.getOrg(db, req.body.parentId))!;
    if (org.parentId === null) throw new AppError('INVALID_MOVE', '根组织不能移动', 'a root cannot move');
    const problem = moveProblem(org, parent);
    if (problem) throw new AppError('INVALID_MOVE', problem.zh, problem.en);
    if (org.countyId !== null && parent.kind !== 'county' && parent.countyId !== org.countyId) {
      throw new AppError('INVALID_MOVE', '不能跨县（区）移动组织，请办理组织关系转接', 'cannot move across counties: transfer the members instead');
    }
    const to = await db.transaction(async (tx) => {
      const p = await store.moveSubtree(tx, org, parent, actor.userId);
      await insertEvent(tx, { type: 'org.moved', ...who(actor), countyId: org.countyId, orgId: org.id, orgPath: p, targetType: 'org', targetId: org.id, data: { fromParentId: org.parentId, toParentId: parent.id, fromPath: org.path, toPath: p } });
      return p;
    });
    return { id: org.id, parentId: parent.id, path: to };
  });

  app.get('/orgs/:id/moves', { schema: { tags, summary: '组织调整历史 / move history', params: IdParams } }, async (req) => {
    await requireAccess(db, actorOf(req), 'org.read', [req.params.id]);
    return { items: await store.moves(db, req.params.id) };
  });

  app.get('/orgs/:id/flags', { schema: { tags, summary: '组织设置与升格提醒 / setting and upgrade candidates', params: IdParams } }, async (req) => {
    const actor = actorOf(req);
    await requireAccess(db, actor, 'org.read', [req.params.id]);
    const org = (await store.getOrg(db, req.params.id))!;
    const rules = await getSetting(db, 'org.rules', DEFAULT_ORG_RULES);
    const { items, direct } = await store.flagInputs(db, org.path);
    return { rules, items: orgFlags(items, rollUp(direct), rules, new Date().toISOString().slice(0, 10)) };
  });

  app.get('/settings/org-rules', { schema: { tags, summary: '组织设置规则 / organisation-setting rules' } }, async () => getSetting(db, 'org.rules', DEFAULT_ORG_RULES));

  app.put('/settings/org-rules', { schema: { tags, summary: '修改组织设置规则 / change the organisation-setting rules', body: OrgRules } }, async (req) => {
    const actor = actorOf(req);
    requireCapability(actor, 'user.manage');
    await db.transaction(async (tx) => {
      await putSetting(tx, 'org.rules', req.body);
      await insertEvent(tx, { type: 'settings.updated', ...who(actor), targetType: 'setting', targetId: 'org.rules', data: req.body });
    });
    return req.body;
  });
  void errors;
};
