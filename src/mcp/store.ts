// MCP servers in SQLite, one row per tenant and id (schema, row type and statements together).

import { statement, migrate, type Db } from '../shared/db.ts';
import type { McpServer } from './model.ts';

export interface McpStore {
  get(tenant: string, id: string): McpServer | undefined;
  list(tenant: string): McpServer[];
  put(tenant: string, server: McpServer): void;
  delete(tenant: string, id: string): boolean;
}

export function createMcpStore(db: Db): McpStore {
  migrate(db, 'mcp', [
    'CREATE TABLE mcp_servers (tenant TEXT NOT NULL, id TEXT NOT NULL, json TEXT NOT NULL, PRIMARY KEY (tenant, id))',
  ]);
  const select = statement<{ json: string }, [string, string]>(db, 'SELECT json FROM mcp_servers WHERE tenant = ? AND id = ?');
  const selectAll = statement<{ json: string }, [string]>(db, 'SELECT json FROM mcp_servers WHERE tenant = ? ORDER BY id');
  const upsert = statement(db, 'INSERT INTO mcp_servers (tenant, id, json) VALUES (?, ?, ?) ON CONFLICT (tenant, id) DO UPDATE SET json = excluded.json');
  const remove = statement(db, 'DELETE FROM mcp_servers WHERE tenant = ? AND id = ?');
  return {
    get(tenant, id) {
      const row = select.get(tenant, id);
      return row ? (JSON.parse(row.json) as McpServer) : undefined;
    },
    list: (tenant) => selectAll.all(tenant).map((r) => JSON.parse(r.json) as McpServer),
    put: (tenant, server) => void upsert.run(tenant, server.id, JSON.stringify(server)),
    delete: (tenant, id) => remove.run(tenant, id).changes > 0,
  };
}
