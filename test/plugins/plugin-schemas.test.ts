// GET /plugins/schemas/{type} and the 2.0 /plugins/properties/{type}: draft-7 documents
// generated from the registry, in the shape of Kestra's generator; cached per runtime.

import { describe, expect, test } from 'bun:test';
import { testRuntime } from '../helpers/runtime.ts';

const PREFIXES = ['/api/v1', '/api/v1/main', '/api/v1/t2'];
const LOG = 'io.kestra.plugin.core.log.Log';
const ref = (name: string) => ({ $ref: `#/definitions/${name}` });

describe('GET /plugins/schemas/flow', () => {
  for (const prefix of PREFIXES) {
    test(`a draft-7 document rooted at the Flow class (${prefix})`, async () => {
      const c = await testRuntime();
      const { status, body, res } = await c.json('GET', `${prefix}/plugins/schemas/flow`);
      expect(status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('public, max-age=3600');
      expect(body.$schema).toBe('http://json-schema.org/draft-07/schema#');
      expect(body.$ref).toBe('#/definitions/io.kestra.core.models.flows.Flow');
      const flow = body.definitions['io.kestra.core.models.flows.Flow'];
      expect(flow.required).toEqual(['id', 'namespace', 'tasks']);
      expect(flow.properties.listeners.$deprecated).toBe(true);
      const items = flow.properties.tasks.items;
      expect(items.anyOf).toContainEqual(ref(LOG));
      expect(items.anyOf).toContainEqual(ref('io.kestra.core.tasks.log.Log'));
      expect(items).not.toHaveProperty('oneOf');
      expect(flow.properties.triggers.items.anyOf).toContainEqual(ref('io.kestra.plugin.core.trigger.Schedule'));
    });
  }

  test('plugin definitions: pinned type, required, titles, markdown descriptions, deprecations', async () => {
    const c = await testRuntime();
    const defs = (await c.json('GET', '/api/v1/plugins/schemas/flow')).body.definitions;
    const log = defs[LOG];
    expect(log.properties.type).toEqual({ const: LOG });
    expect(log.required).toEqual(['id', 'type', 'message']);
    expect(log.additionalProperties).toBe(false);
    expect(log.title).toBe('Writes one log line per message');
    expect(log.properties.level.markdownDescription).toContain('Default value is : `INFO`');
    expect(log.properties.level.anyOf[0].enum).toEqual(['ERROR', 'WARN', 'INFO', 'DEBUG', 'TRACE']);
    expect(log.properties.level.anyOf[1]).toMatchObject({ type: 'string' });
    expect(log.properties.level.$dynamic).toBe(true);
    expect(defs['io.kestra.plugin.core.debug.Echo'].$deprecated).toBe('true');
    const alias = defs['io.kestra.core.tasks.log.Log'];
    expect(alias.properties.type).toEqual({ const: 'io.kestra.core.tasks.log.Log' });
    expect(alias.$deprecated).toBe('true');
    expect(alias.markdownDescription).toContain(LOG);
    // the catch-all for non-core plugins keeps core names out
    expect(defs['kestra-lite.PluginTask'].properties.type.pattern).toBeString();
    expect(defs['io.kestra.plugin.core.flow.Parallel'].properties.tasks.items).toEqual(ref('io.kestra.core.models.tasks.Task'));
    expect(defs['io.kestra.core.models.flows.input.StringInput'].properties.type).toEqual({ const: 'STRING' });
  });

  test('the document is generated once per runtime (the same bytes on every request)', async () => {
    const c = await testRuntime();
    const first = await (await c.call('GET', '/api/v1/plugins/schemas/flow')).text();
    const second = await (await c.call('GET', '/api/v1/main/plugins/schemas/flow')).text();
    expect(second).toBe(first);
  });
});

describe('GET /plugins/schemas/{type}', () => {
  const ROOTS: Record<string, string> = {
    task: 'io.kestra.core.models.tasks.Task',
    trigger: 'io.kestra.core.models.triggers.AbstractTrigger',
    template: 'io.kestra.core.models.templates.Template',
    plugindefault: 'io.kestra.core.models.flows.PluginDefault',
    dashboard: 'io.kestra.core.models.dashboards.Dashboard',
  };
  for (const [type, root] of Object.entries(ROOTS)) {
    test(`${type} is rooted at ${root}, with only the definitions it reaches`, async () => {
      const c = await testRuntime();
      const { status, body } = await c.json('GET', `/api/v1/plugins/schemas/${type}`);
      expect(status).toBe(200);
      expect(body.$ref).toBe(`#/definitions/${root}`);
      expect(body.definitions[root]).toBeDefined();
      expect(body.definitions).not.toHaveProperty(type === 'template' ? 'io.kestra.core.models.flows.Flow' : 'io.kestra.core.models.templates.Template');
    });
  }

  test('task holds tasks and what they reach, not triggers; trigger holds triggers and conditions', async () => {
    const c = await testRuntime();
    const task = (await c.json('GET', '/api/v1/plugins/schemas/task')).body.definitions;
    expect(task[LOG]).toBeDefined();
    expect(task['io.kestra.plugin.core.trigger.Schedule']).toBeUndefined();
    const trigger = (await c.json('GET', '/api/v1/plugins/schemas/trigger')).body.definitions;
    expect(trigger['io.kestra.plugin.core.trigger.Webhook']).toBeDefined();
    expect(trigger['io.kestra.plugin.core.condition.ExecutionStatus']).toBeDefined();
    expect(trigger[LOG]).toBeUndefined();
  });

  test('arrayOf=true marks the root as an array (as Kestra does)', async () => {
    const c = await testRuntime();
    const { body } = await c.json('GET', '/api/v1/t2/plugins/schemas/task?arrayOf=true');
    expect(body.type).toBe('array');
    expect(body.$ref).toBe('#/definitions/io.kestra.core.models.tasks.Task');
    expect((await c.json('GET', '/api/v1/plugins/schemas/task?arrayOf=nope')).status).toBe(422);
  });

  test('2.0 upper-case names are accepted', async () => {
    const c = await testRuntime();
    expect((await c.json('GET', '/api/v1/plugins/schemas/FLOW')).body.$ref).toBe('#/definitions/io.kestra.core.models.flows.Flow');
  });

  test('apps (and the other Enterprise types) are Kestra\'s "Invalid type"; unknown names a conversion 422', async () => {
    const c = await testRuntime();
    const apps = await c.json('GET', '/api/v1/plugins/schemas/apps');
    expect(apps.status).toBe(422);
    expect(apps.body.message).toBe('Illegal argument: Invalid type apps');
    expect((await c.json('GET', '/api/v1/plugins/schemas/POLICY')).body.message).toBe('Illegal argument: Invalid type POLICY');
    const unknown = await c.json('GET', '/api/v1/main/plugins/schemas/workflow');
    expect(unknown.status).toBe(422);
    expect(unknown.body.message).toBe('Unprocessable Entity: Failed to convert argument [type] for value [workflow] due to: No enum constant io.kestra.core.docs.SchemaType.workflow');
  });
});

describe('GET /plugins/properties/{type}', () => {
  for (const prefix of PREFIXES) {
    test(`the root class's properties with $defs (${prefix})`, async () => {
      const c = await testRuntime();
      const { status, body } = await c.json('GET', `${prefix}/plugins/properties/flow`);
      expect(status).toBe(200);
      expect(body.required).toEqual(['id', 'namespace', 'tasks']);
      expect(body.properties.tasks.items.anyOf).toContainEqual({ $ref: `#/$defs/${LOG}` });
      expect(body.$defs[LOG]).toBeDefined();
      expect(body.$defs).not.toHaveProperty('io.kestra.core.models.flows.Flow');
      expect(JSON.stringify(body)).not.toContain('#/definitions/');
    });
  }

  test('task is the anyOf of the task classes; a bad type is a 422', async () => {
    const c = await testRuntime();
    expect((await c.json('GET', '/api/v1/plugins/properties/TASK')).body.anyOf).toContainEqual({ $ref: `#/$defs/${LOG}` });
    expect((await c.json('GET', '/api/v1/plugins/properties/nope')).status).toBe(422);
  });
});
