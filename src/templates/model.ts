// A template (api-contract §2.11): a reusable list of tasks that a flow includes with the
// deprecated `io.kestra.plugin.core.flow.Template` task. Not revisioned; deleted is a soft flag.

import { Type, type Static } from '@sinclair/typebox';
import { ID_PATTERN, NAMESPACE_PATTERN } from '../flows/model.ts';

const Task = Type.Record(Type.String(), Type.Unknown());

export const Template = Type.Object({
  id: Type.String({ pattern: ID_PATTERN }),
  namespace: Type.String({ pattern: NAMESPACE_PATTERN }),
  description: Type.Optional(Type.String()),
  tasks: Type.Array(Task, { minItems: 1 }),
  errors: Type.Optional(Type.Array(Task)),
  finally: Type.Optional(Type.Array(Task)),
});
export type Template = Static<typeof Template>;

/** The properties a template document may have (Kestra's Template class; `tenantId` and `deleted` are read and ignored). */
export const TEMPLATE_KEYS = ['tenantId', 'id', 'namespace', 'description', 'tasks', 'errors', 'finally', 'deleted'] as const;

export const TEMPLATE_CLASS = 'io.kestra.core.models.templates.Template';

export interface TemplateRecord {
  tenant: string;
  namespace: string;
  id: string;
  deleted: boolean;
  template: Template;
  updated: number;
}

/** `{namespace, id}` bodies of the by-ids routes. */
export const IdWithNamespace = Type.Object({ namespace: Type.String(), id: Type.String() });
export type IdWithNamespace = Static<typeof IdWithNamespace>;

/** What the engine needs to inline a template: its task lists. */
export type TemplateBody = Pick<Template, 'tasks' | 'errors' | 'finally'>;
export type TemplateLookup = (namespace: string, id: string) => TemplateBody | undefined;
