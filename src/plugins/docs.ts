// DocumentationWithSchema (api-contract §2.14) for a plugin class and for an input type:
// `markdown` (kestra-lite's own rendering: title, type, description, properties) and
// `schema: {properties, outputs?, definitions}`. The property schemas are the registry's,
// converted in documentation style (plain `description`, `$required` on each property).

import type { PluginDef } from './catalog.ts';
import { INPUT_CLASSES, type InputType } from '../flows/model.ts';
import { DEF, refsOf, type Json } from './schema/convert.ts';
import { reachable } from './schema/documents.ts';
import { inputDefinition } from './schema/model-defs.ts';
import { pluginProperties } from './schema/plugin-defs.ts';
import { simpleName } from './icons.ts';

/** Kestra's documentation leaves the abstract bases (and their anyOf members) out of `definitions`. */
const DOC_EXCLUDED = new Set<string>([DEF.task, DEF.trigger, DEF.condition, DEF.taskRunner]);

export interface DocumentationJson {
  markdown: string;
  schema: { properties: Json; outputs?: Json; definitions: Json };
}

function withRequiredFlags(properties: Json, required: string[]): Json {
  return Object.fromEntries(Object.entries(properties).map(([k, v]) => [k, { ...(v as Json), $required: required.includes(k) }]));
}

function typeLabel(s: Json): string {
  if (typeof s.$ref === 'string') return simpleName(s.$ref);
  if (Array.isArray(s.anyOf)) return (s.anyOf as Json[]).map(typeLabel).join(' | ');
  if (s.type === 'array' && s.items && typeof s.items === 'object') return `array of ${typeLabel(s.items as Json)}`;
  if (Array.isArray(s.enum)) return `one of ${(s.enum as string[]).join(', ')}`;
  if (s.const !== undefined) return String(s.const);
  return typeof s.type === 'string' ? s.type + (typeof s.format === 'string' ? ` (${s.format})` : '') : 'any';
}

/** Markdown in the layout of Kestra's plugin pages, with a warning block for deprecated classes. */
export function renderMarkdown(o: { cls: string; title: string; description?: string; deprecation?: string; properties: Json; required: string[] }): string {
  const lines = [`# ${simpleName(o.cls)}`, '', '```yaml', `type: "${o.cls}"`, '```', '', `> ${o.title}`, ''];
  if (o.deprecation) lines.push('::: warning', o.deprecation, ':::', '');
  if (o.description) lines.push(o.description, '');
  const names = Object.keys(o.properties).sort((a, b) => Number(o.required.includes(b)) - Number(o.required.includes(a)) || a.localeCompare(b));
  if (names.length) lines.push('## Properties', '');
  for (const name of names) {
    const p = o.properties[name] as Json;
    lines.push(`### \`${name}\``, '', `* **Type:** ${typeLabel(p)}`, `* **Dynamic:** ${p.$dynamic === true ? '✔️' : '❌'}`, `* **Required:** ${o.required.includes(name) ? '✔️' : '❌'}`);
    if (p.default !== undefined) lines.push(`* **Default:** \`${typeof p.default === 'string' ? p.default : JSON.stringify(p.default)}\``);
    if (p.$deprecated) lines.push('* **Deprecated**');
    if (typeof p.title === 'string') lines.push('', `> ${p.title}`);
    if (typeof p.description === 'string') lines.push('', p.description);
    lines.push('');
  }
  return lines.join('\n').trimEnd() + '\n';
}

/**
 * The documentation of a class as requested: `name` is the canonical class or one of its aliases
 * (Kestra then documents the alias as deprecated, pointing at its replacement).
 */
export function pluginDocumentation(def: PluginDef, name: string, all: boolean, definitions: Json): DocumentationJson {
  const { properties, required } = pluginProperties(def, all);
  const alias = name !== def.type;
  const deprecation = alias ? `This type is a deprecated alias: use \`${def.type}\`.` : def.deprecated ? 'This plugin is deprecated.' : undefined;
  const root: Json = {
    properties: withRequiredFlags(properties, required),
    ...(required.length ? { required } : {}),
    title: def.title,
    ...(def.description ? { description: def.description } : {}),
    ...(alias || def.deprecated ? { $deprecated: true } : {}),
  };
  const defs = reachable(definitions, refsOf(properties), DOC_EXCLUDED);
  return {
    markdown: renderMarkdown({ cls: name, title: def.title, description: def.description, deprecation, properties, required }),
    schema: { properties: root, outputs: {}, definitions: defs },
  };
}

/** GET /plugins/inputs/{type}: the input class's schema; inputs have no outputs. */
export function inputDocumentation(type: InputType): DocumentationJson {
  const def = inputDefinition(type);
  const properties = def.properties as Json;
  const required = def.required as string[];
  const cls = `io.kestra.core.models.flows.input.${INPUT_CLASSES[type]}`;
  return {
    markdown: renderMarkdown({ cls, title: `${type} input`, properties, required }),
    schema: { properties: { properties: withRequiredFlags(properties, required), required, title: `${type} input` }, definitions: {} },
  };
}
