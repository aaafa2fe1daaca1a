import { describe, expect, test } from 'bun:test';
import { testRuntime } from '../helpers/runtime.ts';

describe('MCP server registry', () => {
  for (const prefix of ['/api/v1', '/api/v1/main']) {
    test(`every tenant starts with the default server; CRUD and toggle (${prefix})`, async () => {
      const c = await testRuntime();
      const first = await c.json('GET', `${prefix}/mcp/servers`);
      expect(first.status).toBe(200);
      expect(first.body.total).toBe(1);
      expect(first.body.results[0]).toMatchObject({ id: 'default', isDefault: true, disabled: false, serverType: 'PRIVATE', authType: 'BASIC' });

      const created = await c.json('POST', `${prefix}/mcp/servers`, { body: { id: 'ops', description: 'Ops tools', serverType: 'public' } });
      expect(created.status).toBe(200);
      expect(created.body).toEqual({
        id: 'ops', description: 'Ops tools', serverType: 'PUBLIC', authType: 'BASIC', disabled: false, isDefault: false,
        created: created.body.created, updated: created.body.updated,
      });
      expect((await c.json('GET', `${prefix}/mcp/servers/ops`)).body.description).toBe('Ops tools');

      const updated = await c.json('PUT', `${prefix}/mcp/servers/ops`, { body: { id: 'ops', instructions: 'be careful' } });
      expect(updated.status).toBe(200);
      expect(updated.body.instructions).toBe('be careful');
      expect(updated.body.description).toBeUndefined();

      const toggled = await c.json('PATCH', `${prefix}/mcp/servers/ops/toggle`);
      expect(toggled.body.disabled).toBe(true);
      expect((await c.json('PATCH', `${prefix}/mcp/servers/ops/toggle`)).body.disabled).toBe(false);

      const page = await c.json('GET', `${prefix}/mcp/servers?size=1&page=2&sort=id:asc`);
      expect(page.body).toMatchObject({ total: 2, results: [{ id: 'ops' }] });

      expect((await c.call('DELETE', `${prefix}/mcp/servers/ops`)).status).toBe(200);
      expect((await c.json('GET', `${prefix}/mcp/servers/ops`)).status).toBe(404);
    });
  }

  test('tenants are isolated', async () => {
    const c = await testRuntime();
    await c.json('POST', '/api/v1/mcp/servers', { body: { id: 'ops' } });
    expect((await c.json('GET', '/api/v1/t2/mcp/servers')).body.results.map((s: any) => s.id)).toEqual(['default']);
    expect((await c.json('GET', '/api/v1/t2/mcp/servers/ops')).status).toBe(404);
  });

  test("Kestra's refusals: reserved id, duplicates, bad ids, Enterprise auth types, deleting the default", async () => {
    const c = await testRuntime();
    const reserved = await c.json('POST', '/api/v1/mcp/servers', { body: { id: 'default' } });
    expect(reserved.status).toBe(422);
    expect(reserved.body.message).toBe("Invalid entity: MCP id 'default' is reserved");
    await c.json('POST', '/api/v1/mcp/servers', { body: { id: 'ops' } });
    const dup = await c.json('POST', '/api/v1/mcp/servers', { body: { id: 'ops' } });
    expect(dup.status).toBe(409);
    expect(dup.body.message).toBe("Conflict: MCP server already exists with id: 'ops'");
    expect((await c.json('POST', '/api/v1/mcp/servers', { body: { id: 'Bad Id' } })).status).toBe(422);
    expect((await c.json('POST', '/api/v1/mcp/servers', { body: {} })).status).toBe(422);
    expect((await c.json('POST', '/api/v1/mcp/servers', { body: { id: 'x', serverType: 'NOPE' } })).status).toBe(422);
    const token = await c.json('POST', '/api/v1/mcp/servers', { body: { id: 'x', authType: 'API_TOKEN' } });
    expect(token.status).toBe(403);
    expect(token.body.message).toBe("Forbidden: Auth type 'API_TOKEN' requires Enterprise Edition");
    const del = await c.json('DELETE', '/api/v1/mcp/servers/default');
    expect(del.status).toBe(403);
    expect(del.body.message).toBe('Forbidden: The default MCP server cannot be deleted');
    const renameDefault = await c.json('PUT', '/api/v1/mcp/servers/ops', { body: { id: 'default' } });
    expect(renameDefault.status).toBe(422);
    const missing = await c.json('PUT', '/api/v1/mcp/servers/nope', { body: { id: 'nope' } });
    expect(missing.status).toBe(404);
    expect(missing.body.message).toBe('Not Found: MCP server not found: nope');
    expect((await c.json('PATCH', '/api/v1/mcp/servers/nope/toggle')).status).toBe(404);
    expect((await c.json('GET', '/api/v1/mcp/servers')).body.total).toBe(2);
  });

  test('listing tools says it needs a real Kestra MCP endpoint', async () => {
    const c = await testRuntime();
    const res = await c.json('GET', '/api/v1/main/mcp/servers/default/tools');
    expect(res.status).toBe(422);
    expect(res.body.message).toContain('needs a running Kestra MCP endpoint');
    expect((await c.json('GET', '/api/v1/mcp/servers/nope/tools')).status).toBe(404);
  });
});
