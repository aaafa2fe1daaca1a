// Community blueprints (api-contract §3.8): in Kestra a proxy to api.kestra.io; here a small
// catalogue shipped in the binary, answered with the same shapes.

import { Type, type Static } from '@sinclair/typebox';

export const BLUEPRINT_KINDS = ['FLOW', 'DASHBOARD', 'APP'] as const;
export const BlueprintKind = Type.Union(BLUEPRINT_KINDS.map((k) => Type.Literal(k)));
export type BlueprintKind = Static<typeof BlueprintKind>;

/** One catalogue entry as written in catalogue/*.ts. */
export interface BlueprintDef {
  id: string;
  title: string;
  description: string;
  /** tag ids (see catalogue/tags.ts) */
  tags: string[];
  publishedAt: string;
  /** the YAML of the flow / dashboard / app */
  source: string;
}

export const BlueprintItem = Type.Object({
  id: Type.String(),
  title: Type.String(),
  description: Type.String(),
  includedTasks: Type.Array(Type.String()),
  tags: Type.Array(Type.String()),
  publishedAt: Type.String(),
});
export type BlueprintItem = Static<typeof BlueprintItem>;

export const BlueprintTag = Type.Object({ id: Type.String(), name: Type.String(), publishedAt: Type.String() });
export type BlueprintTag = Static<typeof BlueprintTag>;
