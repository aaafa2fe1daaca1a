// Big responses are produced in slices with turns of the event loop between them
// (src/http/sliced.ts, createZipSliced): same bytes as the one-piece answer, others served meanwhile.
import { describe, expect, test } from 'bun:test';
import { SLICE_CHARS, slicedBody, slicedPage } from '../../src/http/sliced.ts';
import { createZip, createZipSliced, readZip } from '../../src/shared/zip/zip.ts';
import { testRuntime, YAML } from '../helpers/runtime.ts';

const slow = (i: number) => { const until = performance.now() + 0.05; while (performance.now() < until); return { i, text: 'x'.repeat(i % 50) }; };

describe('sliced responses', () => {
  test('a big page streams the same JSON, and other work runs between its slices', async () => {
    const res = slicedPage(5000, 400, slow);
    let ranDuring = false;
    let done = false;
    setImmediate(function tick() { if (!done) { ranDuring = true; } });
    const body = await res.json();
    done = true;
    expect(body).toEqual({ results: Array.from({ length: 400 }, (_, i) => ({ i, text: 'x'.repeat(i % 50) })), total: 5000 });
    expect(ranDuring).toBe(true);
  });

  test('small bodies are one string (no stream)', () => {
    expect(slicedBody('[', 3, (i) => String(i), ']')).toBe('[012]');
  });

  test('a slice stops at its size budget: fast but big items (10 KB log lines) never make one huge chunk', async () => {
    const line = 'x'.repeat(10_000);
    const body = slicedBody('[', 500, (i) => (i ? ',' : '') + JSON.stringify(line), ']');
    expect(typeof body).not.toBe('string');
    const chunks: number[] = [];
    let text = '';
    const decoder = new TextDecoder();
    for await (const chunk of body as ReadableStream<Uint8Array>) { chunks.push(chunk.byteLength); text += decoder.decode(chunk); }
    expect(JSON.parse(text)).toEqual(Array.from({ length: 500 }, () => line));
    expect(chunks.length).toBeGreaterThanOrEqual(Math.ceil(text.length / (SLICE_CHARS + 10_003)));
    expect(Math.max(...chunks)).toBeLessThan(SLICE_CHARS + 10_003);
  });

  test('few items but many bytes stream too (the decision is by size, not by count)', () => {
    const body = slicedBody('', Math.ceil((2 * SLICE_CHARS) / 10_000), () => 'y'.repeat(10_000), '');
    expect(typeof body).not.toBe('string');
  });

  test('createZipSliced gives the archive createZip gives', async () => {
    const entries = Array.from({ length: 300 }, (_, i) => ({ name: `ns.f${i}.yml`, data: `id: f${i}\n`.repeat(20) }));
    const modified = new Date(2024, 0, 2, 3, 4, 6);
    const sliced = await createZipSliced(entries, { modified }, 0);
    expect(sliced).toEqual(createZip(entries, { modified }));
    expect(readZip(sliced).map((e) => e.name)).toEqual(entries.map((e) => e.name));
  });

  test('executions/search and logs over the slicing threshold answer as before', async () => {
    const c = await testRuntime();
    await c.json('POST', '/api/v1/flows', { body: 'id: f\nnamespace: t\ntasks:\n  - id: each\n    type: io.kestra.plugin.core.flow.ForEach\n    values: "{{ range(1, 250) }}"\n    tasks:\n      - id: log\n        type: io.kestra.plugin.core.log.Log\n        message: "line {{ taskrun.value }}"\n', type: YAML });
    const exec = (await c.json('POST', '/api/v1/executions/t/f?wait=true')).body;
    await c.json('POST', '/api/v1/flows', { body: 'id: g\nnamespace: t\ntasks:\n  - id: log\n    type: io.kestra.plugin.core.log.Log\n    message: hi\n', type: YAML });
    for (let i = 0; i < 250; i++) await c.call('POST', '/api/v1/executions/t/g');
    const search = await c.json('GET', '/api/v1/executions/search?size=300');
    expect(search.body.total).toBe(251);
    expect(search.body.results).toHaveLength(251);
    const logs = await c.json('GET', `/api/v1/logs/${exec.id}`);
    const lines = logs.body.map((l: { message: string }) => l.message).filter((m: string) => m.startsWith('line '));
    expect(lines).toHaveLength(250);
    const text = await (await c.call('GET', `/api/v1/logs/${exec.id}/download`)).text();
    expect(text.split('\n')).toHaveLength(logs.body.length);
    expect(text).toContain(' INFO line 250');
    const paged = await c.json('GET', `/api/v1/logs/search?size=1000&flowId=f`);
    expect(paged.body.total).toBe(logs.body.length);
    expect(paged.body.results).toHaveLength(logs.body.length);
  });

  test('logs/search over many matches (counted and paged in separate turns) answers the same total and page', async () => {
    const c = await testRuntime();
    const at = Date.UTC(2025, 0, 1);
    c.rt.services.logs.logs.insert(Array.from({ length: 2500 }, (_, i) => ({
      tenant: 'main', namespace: i % 2 ? 'big.team' : 'big', flowId: 'f', executionId: `e${i}`, attemptNumber: 1,
      timestamp: at + (2500 - i) * 1000, level: 'INFO' as const, thread: 'worker', message: `line ${i}`,
    })));
    await null; // the turn's writes commit
    const page = await c.json('GET', '/api/v1/logs/search?namespace=big&size=3&page=2');
    expect(page.body.total).toBe(2500);
    expect(page.body.results.map((l: { message: string }) => l.message)).toEqual(['line 2496', 'line 2495', 'line 2494']);
    const big = await c.json('GET', '/api/v1/logs/search?namespace=big&size=300&page=2');
    expect(big.body.total).toBe(2500);
    expect(big.body.results.map((l: { message: string }) => l.message).slice(0, 2)).toEqual(['line 2199', 'line 2198']);
    const team = await c.json('GET', '/api/v1/logs/search?namespace=big.team&size=5000');
    expect(team.body.total).toBe(1250);
    expect(team.body.results).toHaveLength(1250);
  });

  test('executions/search over many matches (counted and paged in separate turns) answers the same total and page', async () => {
    const c = await testRuntime();
    await c.json('POST', '/api/v1/flows', { body: 'id: f\nnamespace: big\ntasks:\n  - id: l\n    type: io.kestra.plugin.core.log.Log\n    message: hi\n', type: 'application/x-yaml' });
    const model = (await c.json('POST', '/api/v1/executions/big/f?wait=true', { body: new FormData() })).body;
    const at = Date.UTC(2025, 0, 1);
    for (let i = 0; i < 2500; i++) {
      const date = new Date(at + i * 1000).toISOString();
      c.rt.services.executions.store.save({
        ...model, tenant: 'main', id: `e${String(i).padStart(4, '0')}`, namespace: i % 2 ? 'big.team' : 'big',
        state: { current: 'SUCCESS', startDate: date, endDate: date, histories: [{ state: 'SUCCESS', date }] },
      });
    }
    c.rt.services.executions.store.delete('main', model.id);
    await null; // the turn's writes commit
    const small = await c.json('GET', '/api/v1/executions/search?namespace=big&size=3&page=2');
    expect(small.status, JSON.stringify(small.body).slice(0, 300)).toBe(200);
    expect(small.body.total).toBe(2500);
    expect(small.body.results.map((e: { id: string }) => e.id)).toEqual(['e2496', 'e2495', 'e2494']);
    const big = await c.json('GET', '/api/v1/executions/search?namespace=big&size=300&page=2');
    expect(big.body.total).toBe(2500);
    expect(big.body.results.map((e: { id: string }) => e.id).slice(0, 2)).toEqual(['e2199', 'e2198']);
    const team = await c.json('GET', '/api/v1/executions/search?namespace=big.team&size=5000&sort=state.startDate:asc');
    expect(team.body.total).toBe(1250);
    expect(team.body.results).toHaveLength(1250);
    expect(team.body.results[0].id).toBe('e0001');
  });

  test('a big newest-first page picked in chunks over turns is the page one query gives, ties on the start date included', async () => {
    const c = await testRuntime();
    await c.json('POST', '/api/v1/flows', { body: 'id: f\nnamespace: ties\ntasks:\n  - id: l\n    type: io.kestra.plugin.core.log.Log\n    message: hi\n', type: 'application/x-yaml' });
    const model = (await c.json('POST', '/api/v1/executions/ties/f?wait=true', { body: new FormData() })).body;
    c.rt.services.executions.store.delete('main', model.id);
    const at = Date.UTC(2025, 0, 1);
    for (let i = 0; i < 6000; i++) {
      const date = new Date(at + Math.floor(i / 3) * 1000).toISOString(); // three executions per second: ties
      c.rt.services.executions.store.save({ ...model, tenant: 'main', id: `x${String((i * 7919) % 6000).padStart(4, '0')}`, state: { current: 'SUCCESS', startDate: date, endDate: date, histories: [{ state: 'SUCCESS', date }] } });
    }
    await null;
    const store = c.rt.services.executions.store;
    const ids = (p: { count: number; get(i: number): { id: string } }) => Array.from({ length: p.count }, (_, i) => p.get(i).id);
    const oneQuery = ids(store.page('main', {}, [], 6000, 0));
    expect(oneQuery).toHaveLength(6000);
    expect(ids(await store.pageInTurns('main', {}, [], 6000, 0))).toEqual(oneQuery);
    expect(ids(await store.pageInTurns('main', {}, [], 5500, 300))).toEqual(oneQuery.slice(300, 5800));
    const api = await c.json('GET', '/api/v1/executions/search?size=5000&page=1');
    expect(api.body.total).toBe(6000);
    expect(api.body.results.map((e: { id: string }) => e.id)).toEqual(oneQuery.slice(0, 5000));
  });
});
