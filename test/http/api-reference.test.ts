import { describe, expect, test } from 'bun:test';
import { parse } from 'yaml';
import { openApiPath } from '../../src/http/openapi.ts';
import { testRuntime } from '../helpers/runtime.ts';

describe('API reference', () => {
  test('every route of the route table appears in /api/v1/openapi.json, plain and with {tenant}', async () => {
    const { rt, json } = await testRuntime();
    const { status, body } = await json('GET', '/api/v1/openapi.json');
    expect(status).toBe(200);
    expect(body.openapi).toBe('3.0.3');
    const table = rt.app.routeTable();
    expect(table.length).toBeGreaterThan(100);
    const missing: string[] = [];
    for (const route of table) {
      const methods = route.method === 'ALL' ? ['get', 'post', 'put', 'delete'] : [route.method.toLowerCase()];
      const path = openApiPath(route.path);
      for (const m of methods) {
        if (!body.paths[path]?.[m]) missing.push(`${m} ${path}`);
        if (path.startsWith('/api/v1/') && !body.paths[path.replace('/api/v1/', '/api/v1/{tenant}/')]?.[m]) missing.push(`${m} ${path} (tenant)`);
      }
    }
    expect(missing).toEqual([]);
  });

  test('operations are tagged by feature and name their path parameters', async () => {
    const { json } = await testRuntime();
    const { body } = await json('GET', '/api/v1/openapi.json');
    const op = body.paths['/api/v1/flows/{namespace}/{id}'].get;
    expect(op.tags).toEqual(['flows']);
    expect(op.parameters.map((p: { name: string }) => p.name)).toEqual(['namespace', 'id']);
    expect(body.paths['/api/v1/{tenant}/executions/{executionId}'].get.tags).toEqual(['executions']);
    expect(body.tags.map((t: { name: string }) => t.name)).toContain('triggers');
    expect(body.components.schemas.ErrorBody.required).toContain('message');
  });

  test('the YAML form is the same document, and /api is a page listing the operations', async () => {
    const { call, json } = await testRuntime();
    const { body } = await json('GET', '/api/v1/openapi.json');
    const yml = await call('GET', '/api/v1/openapi.yml');
    expect(yml.headers.get('content-type')).toContain('yaml');
    expect(parse(await yml.text())).toEqual(JSON.parse(JSON.stringify(body)));
    const page = await call('GET', '/api');
    expect(page.headers.get('content-type')).toContain('text/html');
    const html = await page.text();
    expect(html).toContain('<code>/api/v1/flows/{namespace}/{id}</code>');
    expect(html).not.toContain('<script');
  });
});
