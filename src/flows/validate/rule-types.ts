import type { PluginCatalog, PluginDef } from '../../plugins/catalog.ts';
import type { Violation } from '../model.ts';

/** A bean-validation violation plus the path Kestra prints in its message (task/input ids in place of indexes). */
export interface RuleViolation extends Violation {
  display?: string;
}

export interface RuleContext {
  catalog: PluginCatalog;
}

export type NodeRule = (node: Record<string, unknown>, path: string, def: PluginDef, ctx: RuleContext) => RuleViolation[];

export const joinPath = (base: string, key: string): string => (base ? `${base}.${key}` : key);

export const isBlank = (v: unknown): boolean => v === null || v === undefined;
