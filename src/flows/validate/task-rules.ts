// Type-specific validators of core plugins (engine-contract §1.3): Switch, WorkingDirectory,
// Dag, Schedule, Webhook, Flow trigger preconditions. Keyed by canonical type.
import { isPlainObject } from '../../shared/guards.ts';
import { isValidCron } from './cron.ts';
import { type NodeRule, type RuleViolation, joinPath, isBlank } from './rule-types.ts';

const CORE = 'io.kestra.plugin.core.';

function hasTasks(list: unknown): boolean {
  return Array.isArray(list) && list.length > 0;
}

const switchRule: NodeRule = (node, path) => {
  const cases = isPlainObject(node.cases) ? Object.values(node.cases) : [];
  if (cases.some(hasTasks) || hasTasks(node.defaults)) return [];
  return [{ path, message: 'No task defined, neither cases or default have any tasks' }];
};

const workingDirectoryRule: NodeRule = (node, path, _def, ctx) => {
  if (!hasTasks(node.tasks)) return [{ path, message: "The 'tasks' property cannot be empty" }];
  const flowableChild = (node.tasks as unknown[]).some((t) => {
    if (!isPlainObject(t) || typeof t.type !== 'string') return false;
    return ctx.catalog.resolve(t.type)?.flowable === true;
  });
  return flowableChild ? [{ path, message: 'Only runnable tasks are allowed as children of a WorkingDirectory task' }] : [];
};

/** ids of the Dag entries that sit on a dependency cycle, in declaration order */
function dagCycleIds(ids: string[], deps: Map<string, string[]>): string[] {
  const state = new Map<string, 0 | 1 | 2>();
  const onCycle = new Set<string>();
  const stack: string[] = [];
  const visit = (id: string): void => {
    state.set(id, 1);
    stack.push(id);
    for (const d of deps.get(id) ?? []) {
      if (!deps.has(d)) continue;
      const s = state.get(d) ?? 0;
      if (s === 1) for (const x of stack.slice(stack.indexOf(d))) onCycle.add(x);
      else if (s === 0) visit(d);
    }
    stack.pop();
    state.set(id, 2);
  };
  for (const id of ids) if ((state.get(id) ?? 0) === 0) visit(id);
  return ids.filter((id) => onCycle.has(id));
}

const dagRule: NodeRule = (node, path) => {
  const entries = Array.isArray(node.tasks) ? node.tasks.filter(isPlainObject) : [];
  if (entries.length === 0) return [];
  const ids: string[] = [];
  const deps = new Map<string, string[]>();
  for (const e of entries) {
    const id = isPlainObject(e.task) ? e.task.id : undefined;
    if (typeof id !== 'string') continue;
    ids.push(id);
    deps.set(id, Array.isArray(e.dependsOn) ? e.dependsOn.map(String) : []);
  }
  const missing = [...new Set([...deps.values()].flat().filter((d) => !deps.has(d)))];
  if (missing.length) return [{ path, message: `Not existing task id in dependency: ${missing.join(', ')}` }];
  const cyclic = dagCycleIds(ids, deps);
  return cyclic.length ? [{ path, message: `Cyclic dependency detected: ${cyclic.join(', ')}` }] : [];
};

function validTimezone(tz: string): boolean {
  if (/^(Z|UTC|GMT|UT)$/i.test(tz) || /^(UTC|GMT|UT)?[+-]\d{1,2}(:?\d{2}(:?\d{2})?)?$/i.test(tz)) return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

const scheduleRule: NodeRule = (node, path) => {
  const out: RuleViolation[] = [];
  const withSeconds = node.withSeconds === true || String(node.withSeconds).toLowerCase() === 'true';
  if (!isBlank(node.cron) && !isValidCron(node.cron, withSeconds)) out.push({ path: joinPath(path, 'cron'), message: 'invalid cron expression' });
  if (!isBlank(node.interval)) out.push({ path: joinPath(path, 'interval'), message: 'must be null' });
  if (typeof node.timezone === 'string' && !validTimezone(node.timezone)) {
    out.push({ path: joinPath(path, 'timezone'), message: `timezone '${node.timezone}' is not a valid time-zone ID` });
  }
  return out;
};

const scheduleOnDatesRule: NodeRule = (node, path) => {
  const out: RuleViolation[] = [];
  if (!isBlank(node.interval)) out.push({ path: joinPath(path, 'interval'), message: 'must be null' });
  if (typeof node.timezone === 'string' && !validTimezone(node.timezone)) {
    out.push({ path: joinPath(path, 'timezone'), message: `timezone '${node.timezone}' is not a valid time-zone ID` });
  }
  return out;
};

const webhookRule: NodeRule = (node, path, _def, ctx) => {
  const conditions = Array.isArray(node.conditions) ? node.conditions : [];
  const multiple = conditions.some((c) => isPlainObject(c) && typeof c.type === 'string'
    && ctx.catalog.canonicalType(c.type) === `${CORE}condition.MultipleCondition`);
  return multiple ? [{ path, message: 'invalid webhook: conditions of type MultipleCondition are not supported' }] : [];
};

const NEEDS_VALUE = new Set(['EQUAL_TO', 'NOT_EQUAL_TO', 'STARTS_WITH', 'ENDS_WITH', 'REGEX', 'CONTAINS']);
const NEEDS_VALUES = new Set(['IN', 'NOT_IN']);

const flowTriggerRule: NodeRule = (node, path) => {
  const out: RuleViolation[] = [];
  const pre = node.preconditions;
  if (!isPlainObject(pre)) return out;
  if (Array.isArray(pre.flows)) {
    pre.flows.forEach((f, i) => {
      if (!isPlainObject(f)) return;
      for (const k of ['namespace', 'flowId']) {
        if (isBlank(f[k])) out.push({ path: joinPath(path, `preconditions.flows[${i}].${k}`), message: 'must not be null' });
      }
    });
  }
  if (Array.isArray(pre.where)) {
    pre.where.forEach((w, i) => {
      if (!isPlainObject(w)) return;
      const at = joinPath(path, `preconditions.where[${i}]`);
      if (isBlank(w.id)) out.push({ path: `${at}.id`, message: 'must not be null' });
      if (!Array.isArray(w.filters) || w.filters.length === 0) out.push({ path: `${at}.filters`, message: 'must not be empty' });
      else w.filters.forEach((f, j) => {
        if (!isPlainObject(f) || typeof f.type !== 'string') return;
        const fp = `${at}.filters[${j}]`;
        if (NEEDS_VALUE.has(f.type) && isBlank(f.value)) out.push({ path: fp, message: `\`value\` cannot be null for type ${f.type}` });
        if (NEEDS_VALUES.has(f.type) && (isBlank(f.values) || (Array.isArray(f.values) && f.values.length === 0))) {
          out.push({ path: fp, message: `\`values\` cannot be null or empty for type ${f.type}` });
        }
        if (f.type === 'REGEX' && typeof f.value === 'string') {
          try { new RegExp(f.value); } catch { out.push({ path: fp, message: 'invalid pattern' }); }
        }
      });
    });
  }
  return out;
};

export const NODE_RULES: Record<string, NodeRule> = {
  [`${CORE}flow.Switch`]: switchRule,
  [`${CORE}flow.WorkingDirectory`]: workingDirectoryRule,
  [`${CORE}flow.Dag`]: dagRule,
  [`${CORE}trigger.Schedule`]: scheduleRule,
  [`${CORE}trigger.ScheduleOnDates`]: scheduleOnDatesRule,
  [`${CORE}trigger.Webhook`]: webhookRule,
  [`${CORE}trigger.Flow`]: flowTriggerRule,
};
