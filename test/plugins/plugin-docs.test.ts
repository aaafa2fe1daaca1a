// GET /plugins/{cls}, /plugins/{cls}/versions and /plugins/{cls}/versions/{version}:
// DocumentationWithSchema of a class or alias, Kestra's 404 text for unknown classes/versions.

import { describe, expect, test } from 'bun:test';
import { testRuntime } from '../helpers/runtime.ts';

const PREFIXES = ['/api/v1', '/api/v1/main', '/api/v1/t2'];
const LOG = 'io.kestra.plugin.core.log.Log';
const LEGACY_LOG = 'io.kestra.core.tasks.log.Log';
const notFoundText = (cls: string) => `Not Found: Class '${cls}' doesn't exists `;

describe('GET /plugins/{cls}', () => {
  for (const prefix of PREFIXES) {
    test(`documents a class: markdown and its own properties (${prefix})`, async () => {
      const c = await testRuntime();
      const { status, body, res } = await c.json('GET', `${prefix}/plugins/${LOG}`);
      expect(status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('public, max-age=3600');
      expect(body.markdown).toContain('# Log');
      expect(body.markdown).toContain(`type: "${LOG}"`);
      expect(body.markdown).toContain('### `message`');
      const props = body.schema.properties;
      expect(props.title).toBe('Writes one log line per message');
      expect(props.required).toEqual(['message']);
      expect(Object.keys(props.properties).sort()).toEqual(['level', 'message']);
      expect(props.properties.message.$required).toBe(true);
      expect(props.properties.level).toMatchObject({ $required: false, default: 'INFO', $dynamic: true });
      expect(body.schema.outputs).toEqual({});
      expect(body.schema.definitions).toEqual({});
    });
  }

  test('all=true adds the common task properties', async () => {
    const c = await testRuntime();
    const { body } = await c.json('GET', `/api/v1/plugins/${LOG}?all=true`);
    const props = body.schema.properties.properties;
    for (const p of ['id', 'retry', 'timeout', 'disabled', 'allowFailure', 'message']) expect(props).toHaveProperty(p);
    expect(props).not.toHaveProperty('type');
    expect(body.schema.properties.required).toEqual(['id', 'message']);
    expect(Object.keys(body.schema.definitions)).toContain('io.kestra.core.models.tasks.retrys.Constant');
  });

  test('a flowable lists its child tasks as references to the task base', async () => {
    const c = await testRuntime();
    const { body } = await c.json('GET', '/api/v1/plugins/io.kestra.plugin.core.flow.If');
    expect(body.schema.properties.properties.then).toMatchObject({ type: 'array', items: { $ref: '#/definitions/io.kestra.core.models.tasks.Task' } });
    expect(body.schema.definitions).not.toHaveProperty('io.kestra.core.models.tasks.Task');
  });

  test('an alias documents its canonical class, marked deprecated', async () => {
    const c = await testRuntime();
    const { status, body } = await c.json('GET', `/api/v1/plugins/${LEGACY_LOG}`);
    expect(status).toBe(200);
    expect(body.schema.properties.$deprecated).toBe(true);
    expect(Object.keys(body.schema.properties.properties).sort()).toEqual(['level', 'message']);
    expect(body.markdown).toContain('::: warning');
    expect(body.markdown).toContain(LOG);
  });

  test('a deprecated class says so', async () => {
    const c = await testRuntime();
    const { body } = await c.json('GET', '/api/v1/plugins/io.kestra.plugin.core.debug.Echo');
    expect(body.schema.properties.$deprecated).toBe(true);
  });

  test('triggers and conditions are documented too', async () => {
    const c = await testRuntime();
    const schedule = await c.json('GET', '/api/v1/plugins/io.kestra.plugin.core.trigger.Schedule');
    expect(schedule.body.schema.properties.required).toEqual(['cron']);
    const cond = await c.json('GET', '/api/v1/plugins/io.kestra.core.models.conditions.types.ExecutionStatusCondition');
    expect(cond.status).toBe(200);
    expect(cond.body.schema.properties.properties).toHaveProperty('in');
  });

  for (const prefix of PREFIXES) {
    test(`an unknown class is Kestra's 404 (${prefix})`, async () => {
      const c = await testRuntime();
      const { status, body } = await c.json('GET', `${prefix}/plugins/io.kestra.plugin.core.log.Nope`);
      expect(status).toBe(404);
      expect(body.message).toBe(notFoundText('io.kestra.plugin.core.log.Nope'));
    });
  }

  test('a bad all flag is a conversion 422', async () => {
    const c = await testRuntime();
    expect((await c.json('GET', `/api/v1/plugins/${LOG}?all=maybe`)).status).toBe(422);
  });
});

describe('GET /plugins/{cls}/versions', () => {
  for (const prefix of PREFIXES) {
    test(`one version: the core plugin's (${prefix})`, async () => {
      const c = await testRuntime();
      expect((await c.json('GET', `${prefix}/plugins/${LOG}/versions`)).body).toEqual({ type: LOG, versions: ['0.21.0'] });
      expect((await c.json('GET', `${prefix}/plugins/${LEGACY_LOG}/versions`)).body).toEqual({ type: LEGACY_LOG, versions: ['0.21.0'] });
    });
  }

  test('an unknown class has no versions', async () => {
    const c = await testRuntime();
    const { status, body } = await c.json('GET', '/api/v1/plugins/com.example.Nope/versions');
    expect(status).toBe(200);
    expect(body).toEqual({ type: 'com.example.Nope', versions: [] });
  });
});

describe('GET /plugins/{cls}/versions/{version}', () => {
  for (const prefix of PREFIXES) {
    test(`the served version documents the class like /plugins/{cls} (${prefix})`, async () => {
      const c = await testRuntime();
      const plain = await c.json('GET', `${prefix}/plugins/${LOG}`);
      const versioned = await c.json('GET', `${prefix}/plugins/${LOG}/versions/0.21.0`);
      expect(versioned.status).toBe(200);
      expect(versioned.body).toEqual(plain.body);
      expect((await c.json('GET', `${prefix}/plugins/${LOG}/versions/latest?all=true`)).body.schema.properties.properties).toHaveProperty('id');
    });
  }

  test('an unknown version or class is the class 404', async () => {
    const c = await testRuntime();
    const version = await c.json('GET', `/api/v1/plugins/${LOG}/versions/9.9.9`);
    expect(version.status).toBe(404);
    expect(version.body.message).toBe(notFoundText(LOG));
    const cls = await c.json('GET', '/api/v1/plugins/com.example.Nope/versions/0.21.0');
    expect(cls.status).toBe(404);
    expect(cls.body.message).toBe(notFoundText('com.example.Nope'));
  });
});
