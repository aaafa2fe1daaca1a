// Documents nested deeper than Jackson's default limit (1,000 levels) are refused as Kestra refuses
// them — never a stack overflow answered 500.

import { describe, expect, test } from 'bun:test';
import { MAX_NESTING_DEPTH, nestingError } from '../../src/shared/nesting.ts';
import { testRuntime } from '../helpers/runtime.ts';

const nested = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);

describe('deeply nested JSON', () => {
  test('the scan counts objects, arrays and Ion s-expressions, never brackets inside strings', () => {
    expect(nestingError(nested(MAX_NESTING_DEPTH))).toBeUndefined();
    expect(nestingError(nested(MAX_NESTING_DEPTH + 1))).toContain('Document nesting depth (1001) exceeds the maximum allowed (1000');
    expect(nestingError(`["${'['.repeat(5000)}\\"${'{'.repeat(5000)}"]`)).toBeUndefined();
    expect(nestingError('('.repeat(1001))).toBeDefined();
  });

  test('KV values, JSON flows and JSON bodies: 422 beyond the limit, accepted below it', async () => {
    const c = await testRuntime();
    const kv = await c.json('PUT', '/api/v1/namespaces/deep/kv/k', { body: nested(20_000), type: 'application/json' });
    expect(kv.status).toBe(422);
    expect(kv.body.message).toContain('Document nesting depth');
    expect((await c.json('PUT', '/api/v1/namespaces/deep/kv/k', { body: nested(500), type: 'application/json' })).status).toBe(200);

    const flow = `{"id":"dv","namespace":"deep","variables":{"v":${nested(20_000)}},"tasks":[{"id":"l","type":"io.kestra.plugin.core.log.Log","message":"m"}]}`;
    const created = await c.json('POST', '/api/v1/flows', { body: flow, type: 'application/json' });
    expect(created.status).toBe(422);
    expect(created.body.message).toStartWith('Invalid json: Document nesting depth (1001)');

    const search = await c.json('POST', '/api/v1/executions/labels/by-ids', { body: `[${nested(5000)}]`, type: 'application/json' });
    expect(search.status).toBe(422);
  });
});
