// An MCP server of Kestra 2.0's registry (`ApiMcpServer`): stored configuration only. The
// TypeBox schema is the type; the enums read case-insensitively, as Kestra's do.

import { Type, type Static } from '@sinclair/typebox';

export const ServerType = Type.Union([Type.Literal('PRIVATE'), Type.Literal('PUBLIC')]);
export type ServerType = Static<typeof ServerType>;
export const AuthType = Type.Union([Type.Literal('BASIC'), Type.Literal('API_TOKEN'), Type.Literal('OAUTH')]);
export type AuthType = Static<typeof AuthType>;

export const McpServer = Type.Object({
  id: Type.String(),
  description: Type.Optional(Type.String()),
  instructions: Type.Optional(Type.String()),
  serverType: ServerType,
  authType: AuthType,
  oauthProvider: Type.Optional(Type.String()),
  oauthScopesSupported: Type.Optional(Type.Array(Type.String())),
  disabled: Type.Boolean(),
  /** epoch ms */
  created: Type.Number(),
  updated: Type.Number(),
});
export type McpServer = Static<typeof McpServer>;

/** The well-known id of the server every tenant gets (read-only `isDefault`, cannot be deleted). */
export const DEFAULT_MCP_ID = 'default';
export const MCP_ID_PATTERN = /^[a-z0-9][a-z0-9_-]*$/;

/** The API shape: NON_NULL, `isDefault` computed, dates as ISO strings. */
export function mcpServerJson(s: McpServer): Record<string, unknown> {
  const out: Record<string, unknown> = { id: s.id };
  if (s.description !== undefined) out.description = s.description;
  if (s.instructions !== undefined) out.instructions = s.instructions;
  out.serverType = s.serverType;
  out.authType = s.authType;
  if (s.oauthProvider !== undefined) out.oauthProvider = s.oauthProvider;
  if (s.oauthScopesSupported !== undefined) out.oauthScopesSupported = s.oauthScopesSupported;
  out.disabled = s.disabled;
  out.isDefault = s.id === DEFAULT_MCP_ID;
  out.created = new Date(s.created).toISOString();
  out.updated = new Date(s.updated).toISOString();
  return out;
}
