// MCP server registry API (Kestra 2.0, `/api/v1/{tenant}/mcp/servers`).

import { routeModule } from '../http/route-module.ts';
import { readJson } from '../http/body.ts';
import { pagingParams, queryOf, sortParams } from '../http/query.ts';
import { tenantOf } from '../http/tenant.ts';
import { mcpServerJson, type McpServer } from './model.ts';
import { parseMcpBody, type McpService } from './service.ts';

const SORTABLE: Record<string, (s: McpServer) => string | number> = {
  id: (s) => s.id, created: (s) => s.created, updated: (s) => s.updated, serverType: (s) => s.serverType,
};

export function mcpRoutes(mcp: McpService) {
  return routeModule()
    .get('/mcp/servers', ({ request }) => {
      const q = queryOf(request);
      const paging = pagingParams(q);
      const keys = sortParams(q).filter((k) => SORTABLE[k.field]);
      const all = mcp.list(tenantOf(request)).sort((a, b) => {
        for (const k of keys) {
          const x = SORTABLE[k.field]!(a), y = SORTABLE[k.field]!(b);
          if (x !== y) return (x < y ? -1 : 1) * (k.asc ? 1 : -1);
        }
        return 0;
      });
      return { results: all.slice(paging.offset, paging.offset + paging.size).map(mcpServerJson), total: all.length };
    })
    .post('/mcp/servers', async ({ request }) => mcpServerJson(mcp.create(tenantOf(request), parseMcpBody(await readJson(request)))))
    .get('/mcp/servers/:id', ({ request, params }) => mcpServerJson(mcp.get(tenantOf(request), params.id)))
    .put('/mcp/servers/:id', async ({ request, params }) => {
      const tenant = tenantOf(request);
      mcp.get(tenant, params.id); // 404 before the body is read
      return mcpServerJson(mcp.update(tenant, params.id, parseMcpBody(await readJson(request))));
    })
    // Kestra 2.0 declares a bare 200 for this delete
    .delete('/mcp/servers/:id', ({ request, params }) => {
      mcp.remove(tenantOf(request), params.id);
      return new Response(null, { status: 200 });
    })
    .patch('/mcp/servers/:id/toggle', ({ request, params }) => mcpServerJson(mcp.toggle(tenantOf(request), params.id)))
    .get('/mcp/servers/:id/tools', ({ request, params }) => mcp.tools(tenantOf(request), params.id));
}
