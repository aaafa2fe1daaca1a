// GET /plugins (0.21 array, 2.0 paged form), /plugins/groups/subgroups and the 2.0
// /plugins/triggers catalogue, under every path form (plugin routes take no tenant in 2.0,
// but the edge still sees tenant forms).

import { describe, expect, test } from 'bun:test';
import { testRuntime } from '../helpers/runtime.ts';

const PREFIXES = ['/api/v1', '/api/v1/main', '/api/v1/t2'];
const LOG = 'io.kestra.plugin.core.log.Log';

describe('GET /plugins', () => {
  for (const prefix of PREFIXES) {
    test(`lists the core plugin with its classes per kind (${prefix})`, async () => {
      const c = await testRuntime();
      const { status, body } = await c.json('GET', `${prefix}/plugins`);
      expect(status).toBe(200);
      expect(body).toHaveLength(1);
      const core = body[0];
      expect(core).toMatchObject({ name: 'core', title: 'core', group: 'io.kestra.plugin.core', version: '0.21.0', categories: ['CORE'] });
      expect(core.manifest['X-Kestra-Group']).toBe('io.kestra.plugin.core');
      expect(core.tasks).toContain(LOG);
      expect(core.tasks).toContain('io.kestra.plugin.core.flow.Parallel');
      expect(core.triggers).toContain('io.kestra.plugin.core.trigger.Schedule');
      expect(core.conditions).toContain('io.kestra.plugin.core.condition.ExecutionStatus');
      expect(core.taskRunners).toEqual(['io.kestra.plugin.core.runner.Process']);
      expect(core.aliases).toContain('io.kestra.core.tasks.log.Log');
      expect(core).not.toHaveProperty('subGroup');
      for (const list of ['storages', 'secrets', 'guides', 'apps', 'appBlocks']) expect(core[list]).toEqual([]);
    });
  }

  test('the 2.0 paged form when paging is asked for, with class metadata items', async () => {
    const c = await testRuntime();
    const { status, body } = await c.json('GET', '/api/v1/plugins?page=1&size=10');
    expect(status).toBe(200);
    expect(body.total).toBe(1);
    const log = body.results[0].tasks.find((t: { cls: string }) => t.cls === LOG);
    expect(log).toEqual({ cls: LOG, title: 'Writes one log line per message' });
    expect(body.results[0].tasks.find((t: { cls: string }) => t.cls === 'io.kestra.plugin.core.debug.Echo').deprecated).toBe(true);
  });

  test('a text filter that matches nothing and a page past the end are empty', async () => {
    const c = await testRuntime();
    expect((await c.json('GET', '/api/v1/plugins?filters[q][EQUALS]=nothing-like-this')).body).toEqual({ results: [], total: 0 });
    expect((await c.json('GET', '/api/v1/plugins?filters[q][EQUALS]=log')).body.total).toBe(1);
    expect((await c.json('GET', '/api/v1/plugins?page=2&size=1')).body).toEqual({ results: [], total: 1 });
  });

  test('bad paging and filters are 422s', async () => {
    const c = await testRuntime();
    const zero = await c.json('GET', '/api/v1/plugins?page=0');
    expect(zero.status).toBe(422);
    expect(zero.body.message).toBe('Invalid entity: page: must be greater than or equal to 1');
    expect((await c.json('GET', '/api/v1/plugins?size=x')).status).toBe(422);
    expect((await c.json('GET', '/api/v1/plugins?filters[state][EQUALS]=x')).status).toBe(422);
    expect((await c.json('GET', '/api/v1/plugins?sort=name')).status).toBe(422);
  });
});

describe('GET /plugins/groups/subgroups', () => {
  for (const prefix of PREFIXES) {
    test(`the core plugin, then one entry per sub-group package (${prefix})`, async () => {
      const c = await testRuntime();
      const { status, body } = await c.json('GET', `${prefix}/plugins/groups/subgroups`);
      expect(status).toBe(200);
      expect(body[0].subGroup).toBeUndefined();
      const subGroups = body.slice(1).map((p: { subGroup: string }) => p.subGroup);
      expect(subGroups).toContain('io.kestra.plugin.core.log');
      expect(subGroups).toContain('io.kestra.plugin.core.flow');
      expect(new Set(subGroups).size).toBe(subGroups.length);
      const log = body.find((p: { subGroup?: string }) => p.subGroup === 'io.kestra.plugin.core.log');
      expect(log.title).toBe('Log');
      expect(log.tasks).toEqual(['io.kestra.plugin.core.log.Log', 'io.kestra.plugin.core.log.Fetch', 'io.kestra.plugin.core.log.PurgeLogs']);
      expect(log.triggers).toEqual([]);
      const conditions = body.find((p: { subGroup?: string }) => p.subGroup === 'io.kestra.plugin.core.condition');
      expect(conditions.conditions.length).toBeGreaterThan(10);
      expect(conditions.tasks).toEqual([]);
    });
  }
});

describe('GET /plugins/triggers', () => {
  for (const prefix of PREFIXES) {
    test(`every core trigger in the core category, sorted by name (${prefix})`, async () => {
      const c = await testRuntime();
      const { status, body } = await c.json('GET', `${prefix}/plugins/triggers`);
      expect(status).toBe(200);
      expect(body.total).toBe(body.results.length);
      const names = body.results.map((t: { name: string }) => t.name);
      expect(names).toEqual([...names].sort((a: string, b: string) => a.toLowerCase().localeCompare(b.toLowerCase())));
      const schedule = body.results.find((t: { type: string }) => t.type === 'io.kestra.plugin.core.trigger.Schedule');
      expect(schedule).toMatchObject({ name: 'Schedule', group: 'core', ee: false, icon: 'io.kestra.plugin.core.trigger.Schedule' });
      expect(schedule.description).toBeString();
    });
  }
});
