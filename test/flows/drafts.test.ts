import { afterEach, describe, expect, test } from 'bun:test';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fakeClock } from '../../src/shared/time/clock.ts';
import { flowYaml, testRuntime, YAML } from '../helpers/runtime.ts';

const ret = (format: string, extra = '') => `id: d\nnamespace: company.team\n${extra}tasks:\n  - id: r\n    type: io.kestra.plugin.core.debug.Return\n    format: ${format}\n`;

describe('flow drafts (?draft=, Kestra 2.0)', () => {
  for (const prefix of ['/api/v1', '/api/v1/main']) {
    test(`a draft is the latest revision to read, but runs without a revision use the last non-draft one (${prefix})`, async () => {
      const c = await testRuntime();
      await c.json('POST', `${prefix}/flows`, { body: ret('v1'), type: YAML });
      const draft = await c.json('PUT', `${prefix}/flows/company.team/d?draft=true`, { body: ret('v2'), type: YAML });
      expect(draft.status).toBe(200);
      expect(draft.body).toMatchObject({ revision: 2, draft: true });
      expect((await c.json('GET', `${prefix}/flows/company.team/d`)).body).toMatchObject({ revision: 2, draft: true });

      const run = await c.json('POST', `${prefix}/executions/company.team/d?wait=true`, { body: new FormData() });
      expect(run.body.flowRevision).toBe(1);
      expect(run.body.taskRunList[0].outputs.value).toBe('v1');
      const pinned = await c.json('POST', `${prefix}/executions/company.team/d?wait=true&revision=2`, { body: new FormData() });
      expect(pinned.body.flowRevision).toBe(2);
      expect(pinned.body.taskRunList[0].outputs.value).toBe('v2');

      const published = await c.json('PUT', `${prefix}/flows/company.team/d`, { body: ret('v2'), type: YAML });
      expect(published.body.revision).toBe(3);
      expect(published.body.draft).toBeUndefined();
      expect((await c.json('POST', `${prefix}/executions/company.team/d?wait=true`, { body: new FormData() })).body.flowRevision).toBe(3);
    });
  }

  test('a draft skips constraint validation but still needs an id and a namespace', async () => {
    const c = await testRuntime();
    const invalid = 'id: d\nnamespace: company.team\ntasks: []\n';
    expect((await c.json('POST', '/api/v1/flows', { body: invalid, type: YAML })).status).toBe(422);
    const saved = await c.json('POST', '/api/v1/flows?draft=true', { body: invalid, type: YAML });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ id: 'd', revision: 1, draft: true });
    // only a draft exists: a run without a revision finds no flow to run
    expect((await c.json('POST', '/api/v1/executions/company.team/d', { body: new FormData() })).status).toBe(404);
    expect((await c.json('POST', '/api/v1/flows?draft=true', { body: 'namespace: company.team\ntasks: []\n', type: YAML })).status).toBe(422);
    expect((await c.json('POST', '/api/v1/flows?draft=true', { body: 'id: [', type: YAML })).status).toBe(422);
  });

  test('schedules keep the deployed revision while a draft changes the trigger', async () => {
    const c = await testRuntime({ clock: fakeClock(Date.UTC(2025, 0, 1, 0, 30)) });
    const sched = (cron: string) => flowYaml('s', 'company.team', `triggers:\n  - id: every\n    type: io.kestra.plugin.core.trigger.Schedule\n    cron: "${cron}"\n`);
    await c.json('POST', '/api/v1/flows', { body: sched('0 * * * *'), type: YAML });
    await c.json('PUT', '/api/v1/flows/company.team/s?draft=true', { body: sched('0 0 1 1 *'), type: YAML });
    const ctx = (await c.json('GET', '/api/v1/triggers/company.team/s')).body.results[0];
    expect(ctx.nextExecutionDate).toBe('2025-01-01T01:00:00Z');
    await c.json('PUT', '/api/v1/flows/company.team/s', { body: sched('0 0 1 1 *'), type: YAML });
    expect((await c.json('GET', '/api/v1/triggers/company.team/s')).body.results[0].nextExecutionDate).toBe('2026-01-01T00:00:00Z');
  });
});

describe('drafts and the flows directory', () => {
  const dirs: string[] = [];
  afterEach(() => { while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true }); });
  const tempRoot = () => { const d = mkdtempSync(join(tmpdir(), 'kl-drafts-')); dirs.push(d); return d; };

  test('a draft is not written back to the flows directory and never goes live, even across a restart', async () => {
    const root = tempRoot();
    const flowsDir = join(root, 'flows');
    const opts = { memory: false, dataDir: join(root, 'data'), flowsDir };
    let c = await testRuntime(opts);
    await c.json('POST', '/api/v1/flows', { body: ret('v1'), type: YAML });
    const file = join(flowsDir, 'company.team.d.yml');
    expect(readFileSync(file, 'utf8')).toBe(ret('v1'));

    expect((await c.json('PUT', '/api/v1/flows/company.team/d?draft=true', { body: ret('v2'), type: YAML })).body).toMatchObject({ revision: 2, draft: true });
    // an invalid draft (no tasks) and a draft of a brand-new flow are not written either
    expect((await c.json('PUT', '/api/v1/flows/company.team/d?draft=true', { body: 'id: d\nnamespace: company.team\ntasks: []\n', type: YAML })).status).toBe(200);
    expect((await c.json('POST', '/api/v1/flows?draft=true', { body: 'id: only\nnamespace: company.team\ntasks: []\n', type: YAML })).status).toBe(200);
    expect(readFileSync(file, 'utf8')).toBe(ret('v1'));
    expect(readdirSync(flowsDir)).toEqual(['company.team.d.yml']);

    // a restart re-reads the directory: the file still holds the deployed revision, so the draft stays the latest
    await c.rt.dispose();
    c = await testRuntime(opts);
    expect((await c.json('GET', '/api/v1/flows/company.team/d')).body).toMatchObject({ revision: 3, draft: true });
    expect((await c.json('GET', '/api/v1/flows/company.team/only')).body).toMatchObject({ revision: 1, draft: true });
    const run = await c.json('POST', '/api/v1/executions/company.team/d?wait=true', { body: new FormData() });
    expect([run.body.flowRevision, run.body.taskRunList[0].outputs.value]).toEqual([1, 'v1']);

    // publishing (a save without draft) writes the file again
    expect((await c.json('PUT', '/api/v1/flows/company.team/d', { body: ret('v3'), type: YAML })).body.revision).toBe(4);
    expect(readFileSync(file, 'utf8')).toBe(ret('v3'));
  });
});
