// POST /templates/validate: one ValidateConstraintViolation per `---` document, never a 4xx for
// an invalid template. Like Kestra, `flow`/`namespace` are filled only once the document binds.

import { parseTemplateYaml, splitTemplateDocuments } from './parse.ts';
import type { PluginCatalog } from '../plugins/catalog.ts';

export interface TemplateValidation { index: number; flow?: string; namespace?: string; outdated: false; constraints?: string }

export function validateTemplates(text: string, deps: { catalog: PluginCatalog }): TemplateValidation[] {
  const docs = splitTemplateDocuments(text);
  return (docs.length ? docs : ['']).map((doc, index) => {
    const result = parseTemplateYaml(doc, deps.catalog);
    if (result.ok) return { index, flow: result.template.id, namespace: result.template.namespace, outdated: false };
    const bound = result.violations.every((v) => v.path !== 'yaml' && !v.path.startsWith('io.kestra.') && !v.path.startsWith('java.'));
    const item: TemplateValidation = { index, outdated: false };
    if (bound && result.id !== undefined) item.flow = result.id;
    if (bound && result.namespace !== undefined) item.namespace = result.namespace;
    item.constraints = result.message;
    return item;
  });
}
