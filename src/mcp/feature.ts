// The MCP server registry of Kestra 2.0: stored configuration per tenant (no MCP endpoint runs).

import { defineFeature } from '../shared/feature.ts';
import { mcpRoutes } from './routes.ts';
import { createMcpService, type McpService } from './service.ts';
import { createMcpStore } from './store.ts';

export interface McpServices { mcp: McpService }

export const mcpFeature = defineFeature({
  name: 'mcp',
  create(ctx) {
    const mcp = createMcpService({ store: createMcpStore(ctx.db), clock: ctx.clock });
    const services: McpServices = { mcp };
    return { services, routes: [mcpRoutes(mcp)] };
  },
});
