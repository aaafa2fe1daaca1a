// GET /plugins/inputs (Kestra's 18 input types, in its order) and /plugins/inputs/{type}
// (the input class's JSON schema from the flow model).

import { describe, expect, test } from 'bun:test';
import { testRuntime } from '../helpers/runtime.ts';

const PREFIXES = ['/api/v1', '/api/v1/main', '/api/v1/t2'];
const ORDER = ['STRING', 'ENUM', 'SELECT', 'INT', 'FLOAT', 'BOOLEAN', 'DATETIME', 'DATE', 'TIME', 'DURATION', 'FILE', 'JSON', 'URI', 'SECRET', 'ARRAY', 'MULTISELECT', 'YAML', 'EMAIL'];

describe('GET /plugins/inputs', () => {
  for (const prefix of PREFIXES) {
    test(`the input types with their classes (${prefix})`, async () => {
      const c = await testRuntime();
      const { status, body, res } = await c.json('GET', `${prefix}/plugins/inputs`);
      expect(status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('public, max-age=3600');
      expect(body.map((i: { type: string }) => i.type)).toEqual(ORDER);
      expect(body[0]).toEqual({ type: 'STRING', cls: 'io.kestra.core.models.flows.input.StringInput' });
      expect(body.find((i: { type: string }) => i.type === 'URI').cls).toBe('io.kestra.core.models.flows.input.URIInput');
    });
  }
});

describe('GET /plugins/inputs/{type}', () => {
  for (const prefix of PREFIXES) {
    test(`STRING: common and own properties, no outputs (${prefix})`, async () => {
      const c = await testRuntime();
      const { status, body } = await c.json('GET', `${prefix}/plugins/inputs/STRING`);
      expect(status).toBe(200);
      expect(body.markdown).toContain('# StringInput');
      const schema = body.schema.properties;
      for (const p of ['id', 'type', 'description', 'displayName', 'required', 'defaults', 'dependsOn', 'validator']) expect(schema.properties).toHaveProperty(p);
      expect(schema.properties.type.const).toBe('STRING');
      expect(schema.required).toEqual(['id', 'type']);
      expect(schema.properties.id.$required).toBe(true);
      expect(body.schema).not.toHaveProperty('outputs');
    });
  }

  test('type-specific properties (SELECT values, INT bounds, the 2.0 BOOL)', async () => {
    const c = await testRuntime();
    expect((await c.json('GET', '/api/v1/plugins/inputs/SELECT')).body.schema.properties.properties).toHaveProperty('values');
    expect((await c.json('GET', '/api/v1/plugins/inputs/INT')).body.schema.properties.properties.min.type).toBe('integer');
    expect((await c.json('GET', '/api/v1/plugins/inputs/BOOL')).status).toBe(200);
  });

  test('an unknown type is a conversion 422 (the name is case-sensitive, as an enum)', async () => {
    const c = await testRuntime();
    for (const type of ['NUMBER', 'string']) {
      const { status, body } = await c.json('GET', `/api/v1/plugins/inputs/${type}`);
      expect(status).toBe(422);
      expect(body.message).toBe(`Unprocessable Entity: Failed to convert argument [type] for value [${type}] due to: No enum constant io.kestra.core.models.flows.Type.${type}`);
    }
  });
});
