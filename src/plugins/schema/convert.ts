// TypeBox property schemas of the registry → the JSON Schema (draft 7) shapes Kestra's
// generator emits for editors: enums instead of const unions, maps as additionalProperties,
// descriptions as markdownDescription (with the default appended), `$deprecated`, `$dynamic`,
// and child tasks/conditions/inputs as $refs to the shared definitions. A dynamic property
// whose declared type is not a plain string also accepts a Pebble expression string, as
// Kestra's schema does for `Property<T>`.

export type Json = Record<string, unknown>;

/** A string holding a Pebble expression or tag: `{{ ... }}` or `{% ... %}` (no `u`-flag syntax, so every editor compiles it). */
export const EXPRESSION_PATTERN = '\\{\\{[\\s\\S]*\\}\\}|\\{%[\\s\\S]*%\\}';

/** Definition names shared by every generated document (Kestra's class names). */
export const DEF = {
  task: 'io.kestra.core.models.tasks.Task',
  trigger: 'io.kestra.core.models.triggers.AbstractTrigger',
  condition: 'io.kestra.core.models.conditions.Condition',
  taskRunner: 'io.kestra.core.models.tasks.runners.TaskRunner',
  input: 'io.kestra.core.models.flows.Input',
  output: 'io.kestra.core.models.flows.Output',
  retry: 'io.kestra.core.models.tasks.retrys.AbstractRetry',
  pluginDefault: 'io.kestra.core.models.flows.PluginDefault',
  flow: 'io.kestra.core.models.flows.Flow',
  template: 'io.kestra.core.models.templates.Template',
  dashboard: 'io.kestra.core.models.dashboards.Dashboard',
} as const;

export const ref = (name: string): Json => ({ $ref: `#/definitions/${name}` });

export interface ConvertOptions {
  /** editor style (markdownDescription + default note) or documentation style (plain description) */
  markdown: boolean;
}

const EDITOR: ConvertOptions = { markdown: true };

const COPIED = [
  'type', 'const', 'enum', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'minItems', 'maxItems',
  'minLength', 'maxLength', 'minProperties', 'maxProperties', 'format', 'default', 'title', 'uniqueItems',
] as const;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Java's @Pattern matches the whole value; JSON Schema patterns are searches, so anchor the end too. */
function anchored(pattern: string): string {
  return pattern.startsWith('^') && !pattern.endsWith('$') ? `${pattern}$` : pattern;
}

/** true when any string is valid (so an expression needs no alternative) */
function acceptsAnyString(s: Json): boolean {
  if (Object.keys(s).filter((k) => !k.startsWith('$') && !['title', 'markdownDescription', 'description', 'default'].includes(k)).length === 0) return true;
  if (s.type === 'string' && s.enum === undefined && s.const === undefined && s.pattern === undefined && s.format === undefined) return true;
  return Array.isArray(s.anyOf) && s.anyOf.some((m) => isObject(m) && acceptsAnyString(m));
}

/** Annotations editors read on the property itself (Kestra pulls them out of an anyOf the same way). */
const ANNOTATIONS = ['title', 'description', 'markdownDescription', 'default', '$deprecated', '$dynamic'] as const;

function annotate(out: Json, s: Json, o: ConvertOptions): void {
  if (s.deprecated === true) out.$deprecated = true;
  if (s.$dynamic === true) out.$dynamic = true;
  const description = typeof s.description === 'string' ? s.description : undefined;
  if (!o.markdown) {
    if (description) out.description = description;
    return;
  }
  let text = description;
  if (s.default !== undefined) text = `${text ? `${text}\n\n` : ''}Default value is : \`${defaultText(s.default)}\``;
  if (text) out.markdownDescription = text;
}

function defaultText(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** The child-list markers of the registry schemas (tasks/schema.ts) become $refs. */
function marked(s: Json): Json | undefined {
  const arrayOf = (items: Json): Json => ({ type: 'array', items, ...pick(s, ['minItems', 'title']) });
  if (s.$tasks) return arrayOf(ref(DEF.task));
  if (s.$inputs) return arrayOf(ref(DEF.input));
  if (s.$dagTasks) {
    return arrayOf({
      type: 'object',
      properties: { task: ref(DEF.task), dependsOn: { type: 'array', items: { type: 'string' } } },
      required: ['task'],
      additionalProperties: false,
    });
  }
  if (s.$casesTasks) return { type: 'object', additionalProperties: { type: 'array', items: ref(DEF.task) }, ...pick(s, ['title']) };
  if (s.$conditions) {
    return s.type === 'object'
      ? { type: 'object', additionalProperties: ref(DEF.condition), ...pick(s, ['minProperties', 'title']) }
      : arrayOf(ref(DEF.condition));
  }
  if (s.$plugin) return ref(DEF.taskRunner);
  return undefined;
}

function pick(s: Json, keys: readonly string[]): Json {
  const out: Json = {};
  for (const k of keys) if (s[k] !== undefined) out[k] = s[k];
  return out;
}

/** One property schema, recursively. */
export function convertSchema(s: Json, o: ConvertOptions = EDITOR): Json {
  const special = marked(s);
  let out: Json;
  if (special) {
    out = special;
  } else {
    out = pick(s, COPIED);
    if (typeof s.pattern === 'string') out.pattern = anchored(s.pattern);
    if (isObject(s.items)) out.items = convertSchema(s.items, o);
    if (isObject(s.properties)) {
      const { properties, required } = convertProperties(s.properties, s.required, o);
      out.properties = properties;
      if (required.length) out.required = required;
    }
    if (s.additionalProperties !== undefined) {
      out.additionalProperties = isObject(s.additionalProperties) ? convertSchema(s.additionalProperties, o) : s.additionalProperties;
    }
    if (isObject(s.patternProperties)) {
      const values = Object.values(s.patternProperties).filter(isObject);
      // TypeBox writes Record<string, T> as one catch-all pattern; Kestra's maps are additionalProperties
      if (values.length === 1) out.additionalProperties = convertSchema(values[0]!, o);
    }
    if (Array.isArray(s.anyOf)) {
      const members = s.anyOf.filter(isObject);
      if (members.length && members.every((m) => typeof m.const === 'string')) {
        out.type = 'string';
        out.enum = members.map((m) => m.const);
      } else {
        out.anyOf = members.map((m) => convertSchema(m, o));
      }
    }
  }
  if (s.$dynamic === true && !acceptsAnyString(out)) {
    const inner = { ...out };
    for (const k of ANNOTATIONS) delete inner[k];
    out = { anyOf: [inner, { type: 'string', pattern: EXPRESSION_PATTERN }], ...pick(out, ['title', 'default']) };
  }
  annotate(out, s, o);
  return out;
}

/** A properties map and its required list; a property with a default is not required (as Kestra). */
export function convertProperties(props: Json, required: unknown, o: ConvertOptions = EDITOR): { properties: Json; required: string[] } {
  const properties: Json = {};
  for (const [name, schema] of Object.entries(props)) if (isObject(schema)) properties[name] = convertSchema(schema, o);
  const names = Array.isArray(required) ? required.filter((r): r is string => typeof r === 'string') : [];
  return { properties, required: names.filter((n) => isObject(props[n]) && (props[n] as Json).default === undefined) };
}

/** Every `#/definitions/<name>` a schema points at. */
export function refsOf(s: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(s)) for (const v of s) refsOf(v, into);
  else if (isObject(s)) {
    for (const [k, v] of Object.entries(s)) {
      if (k === '$ref' && typeof v === 'string' && v.startsWith('#/definitions/')) into.add(v.slice('#/definitions/'.length));
      else refsOf(v, into);
    }
  }
  return into;
}
