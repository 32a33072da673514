/** Job kinds, idempotency keys and payload checks. */
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { assertKind, checkPayload, hasHandler, keyToJobId, registerHandler, unregisterHandler } from './registry.js';
import { NOTIFY_KIND, registerBuiltinHandlers } from './builtin.js';

describe('job registry', () => {
  afterEach(() => { unregisterHandler('test.kind'); });

  it('maps a kind and key to one stable UUID, different for another kind or key', () => {
    const a = keyToJobId('notify', 'meeting:1:remind');
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(keyToJobId('notify', 'meeting:1:remind')).toBe(a);
    expect(keyToJobId('notify', 'meeting:2:remind')).not.toBe(a);
    expect(keyToJobId('other', 'meeting:1:remind')).not.toBe(a);
  });

  it('accepts well-formed kinds only', () => {
    expect(() => assertKind('rating.close_term')).not.toThrow();
    for (const bad of ['', 'Notify', '1x', 'a b', 'x'.repeat(64)]) expect(() => assertKind(bad), bad).toThrow();
  });

  it('keeps one handler per kind and checks payloads with its schema', () => {
    registerHandler('test.kind', async () => {}, z.object({ n: z.number() }));
    expect(() => registerHandler('test.kind', async () => {})).toThrow(/already registered/);
    expect(checkPayload('test.kind', { n: 1 })).toEqual({ n: 1 });
    expect(() => checkPayload('test.kind', { n: 'x' })).toThrow();
    expect(checkPayload('unknown.kind', { anything: true })).toEqual({ anything: true });
  });

  it('registers the built-in reminder kind once', () => {
    registerBuiltinHandlers();
    registerBuiltinHandlers();
    expect(hasHandler(NOTIFY_KIND)).toBe(true);
    expect(() => checkPayload(NOTIFY_KIND, { userId: 1 })).toThrow();
  });
});
