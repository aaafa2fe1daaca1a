// The MCP server registry with Kestra 2.0's rules: every tenant has a `default` server (created on
// first use, never deleted, its id reserved), ids are unique per tenant, API_TOKEN and OAUTH auth
// are Enterprise-only (403 in open source). Only configuration lives here: kestra-lite runs no
// MCP endpoint, so asking a server for its tools is answered with an error that says so.

import { ApiError, invalidEntity, notFound } from '../shared/errors.ts';
import { isPlainObject } from '../shared/guards.ts';
import type { Clock } from '../shared/time/clock.ts';
import { DEFAULT_MCP_ID, MCP_ID_PATTERN, type AuthType, type McpServer, type ServerType } from './model.ts';
import type { McpStore } from './store.ts';

const SERVER_TYPES: readonly ServerType[] = ['PRIVATE', 'PUBLIC'];
const AUTH_TYPES: readonly AuthType[] = ['BASIC', 'API_TOKEN', 'OAUTH'];

type McpInput = Omit<McpServer, 'created' | 'updated'>;

function enumOf<T extends string>(value: unknown, allowed: readonly T[], field: string): T | undefined {
  if (value === undefined || value === null) return undefined;
  const found = allowed.find((a) => typeof value === 'string' && a === value.toUpperCase());
  if (!found) throw new ApiError('INVALID_JSON', `Cannot deserialize value of type \`${field}\` from String "${String(value)}": not one of the values accepted for Enum class: [${allowed.join(', ')}]`);
  return found;
}

const optionalString = (body: Record<string, unknown>, key: string): string | undefined => {
  const v = body[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw new ApiError('INVALID_JSON', `"${key}" must be a string`);
  return v;
};

/** A request body → a server to save (bean validation of `ApiMcpServer`, then the edition checks). */
export function parseMcpBody(body: unknown): McpInput {
  if (!isPlainObject(body)) throw new ApiError('INVALID_JSON', 'Expected a JSON object describing an MCP server');
  const id = body.id;
  if (typeof id !== 'string' || id === '') throw invalidEntity([{ path: 'mcpServer.id', message: 'must not be blank' }]);
  if (!MCP_ID_PATTERN.test(id)) throw invalidEntity([{ path: 'mcpServer.id', message: 'must match "^[a-z0-9][a-z0-9_-]*"' }]);
  const scopes = body.oauthScopesSupported;
  if (scopes !== undefined && scopes !== null && !(Array.isArray(scopes) && scopes.every((s) => typeof s === 'string'))) {
    throw new ApiError('INVALID_JSON', '"oauthScopesSupported" must be a list of strings');
  }
  if (body.disabled !== undefined && body.disabled !== null && typeof body.disabled !== 'boolean') throw new ApiError('INVALID_JSON', '"disabled" must be a boolean');
  const authType = enumOf(body.authType, AUTH_TYPES, 'McpServer$AuthType') ?? 'BASIC';
  if (authType !== 'BASIC') throw new ApiError('FORBIDDEN', `Auth type '${authType}' requires Enterprise Edition`);
  return {
    id,
    description: optionalString(body, 'description'),
    instructions: optionalString(body, 'instructions'),
    serverType: enumOf(body.serverType, SERVER_TYPES, 'McpServer$ServerType') ?? 'PRIVATE',
    authType,
    oauthProvider: optionalString(body, 'oauthProvider'),
    oauthScopesSupported: (scopes ?? undefined) as string[] | undefined,
    disabled: body.disabled === true,
  };
}

export type McpService = ReturnType<typeof createMcpService>;

export function createMcpService(deps: { store: McpStore; clock: Clock }) {
  const { store, clock } = deps;
  /** the default server appears the first time a tenant's registry is read */
  const provision = (tenant: string) => {
    if (store.get(tenant, DEFAULT_MCP_ID)) return;
    const now = clock.now();
    store.put(tenant, { id: DEFAULT_MCP_ID, serverType: 'PRIVATE', authType: 'BASIC', disabled: false, created: now, updated: now });
  };
  const existing = (tenant: string, id: string): McpServer => {
    provision(tenant);
    const s = store.get(tenant, id);
    if (!s) throw notFound(`MCP server not found: ${id}`);
    return s;
  };
  const reserved = () => invalidEntity([{ message: `MCP id '${DEFAULT_MCP_ID}' is reserved` }]);

  return {
    list(tenant: string): McpServer[] {
      provision(tenant);
      return store.list(tenant);
    },
    get: existing,
    create(tenant: string, input: McpInput): McpServer {
      if (input.id === DEFAULT_MCP_ID) throw reserved();
      provision(tenant);
      if (store.get(tenant, input.id)) throw new ApiError('CONFLICT', `MCP server already exists with id: '${input.id}'`);
      const now = clock.now();
      const saved = { ...input, created: now, updated: now };
      store.put(tenant, saved);
      return saved;
    },
    /** the path names the server; the body's id only has to agree about being the default one */
    update(tenant: string, id: string, input: McpInput): McpServer {
      const current = existing(tenant, id);
      if ((input.id === DEFAULT_MCP_ID) !== (current.id === DEFAULT_MCP_ID)) throw reserved();
      const saved = { ...input, id, created: current.created, updated: clock.now() };
      store.put(tenant, saved);
      return saved;
    },
    remove(tenant: string, id: string): void {
      existing(tenant, id);
      if (id === DEFAULT_MCP_ID) throw new ApiError('FORBIDDEN', 'The default MCP server cannot be deleted');
      store.delete(tenant, id);
    },
    toggle(tenant: string, id: string): McpServer {
      const current = existing(tenant, id);
      const saved = { ...current, disabled: !current.disabled, updated: clock.now() };
      store.put(tenant, saved);
      return saved;
    },
    tools(tenant: string, id: string): never {
      existing(tenant, id);
      throw new ApiError('UNPROCESSABLE', `Listing the tools of MCP server '${id}' needs a running Kestra MCP endpoint; kestra-lite stores MCP server configuration only and serves no MCP tools`);
    },
  };
}
