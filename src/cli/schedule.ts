// `kestra-lite schedule FILE.yml [--from DATE] [--count N]`: lists the next fire times of a flow's
// Schedule and ScheduleOnDates triggers, so a cron can be checked before it is trusted.
// ScheduleOnDates `dates` expressions are rendered as the server does (triggers/dates.ts: the
// flow, `envs` from KESTRA_* variables, secret() from SECRET_* variables), at revision 1.

import { readFileSync } from 'node:fs';
import { parseFlowYaml, violationsMessage } from '../flows/parse.ts';
import { defaultPluginCatalog } from '../plugins/catalog.ts';
import { SCHEDULE, SCHEDULE_ON_DATES } from '../triggers/model.ts';
import { createSlotCalculator } from '../triggers/slots.ts';
import { createDateResolver } from '../triggers/dates.ts';
import { createExpressionEngine } from '../expressions/index.ts';
import { createSecretService } from '../secrets/service.ts';
import { kestraEnvs, type Env } from '../shared/env.ts';

export interface ScheduleOptions { file: string; from?: string; count?: string; now: number; env?: Env }

export function listSchedule(opts: ScheduleOptions, write: (line: string) => void): number {
  let source: string;
  try { source = readFileSync(opts.file, 'utf8'); } catch (err) { write(`cannot read ${opts.file}: ${(err as Error).message}`); return 2; }
  const from = opts.from === undefined ? opts.now : Date.parse(opts.from);
  if (Number.isNaN(from)) { write(`--from expects an ISO date-time, got '${opts.from}'`); return 2; }
  const count = opts.count === undefined ? 10 : Number(opts.count);
  if (!Number.isInteger(count) || count < 1 || count > 10_000) { write(`--count expects a number from 1 to 10000, got '${opts.count}'`); return 2; }
  const parsed = parseFlowYaml(source);
  if (!parsed.ok) { write(`invalid flow: ${violationsMessage(parsed.violations)}`); return 2; }
  const catalog = defaultPluginCatalog();
  const slots = createSlotCalculator('UTC');
  const triggers = (parsed.flow.triggers ?? [])
    .map((def) => ({ def, type: catalog.canonicalType(String(def.type)) }))
    .filter((t) => t.type === SCHEDULE || t.type === SCHEDULE_ON_DATES);
  if (!triggers.length) { write(`${parsed.flow.namespace}.${parsed.flow.id} has no Schedule or ScheduleOnDates trigger`); return 1; }
  const env = opts.env ?? {};
  const secrets = createSecretService({ env });
  const engine = createExpressionEngine({ now: () => new Date(opts.now), secret: (name) => secrets.get(name) });
  const resolveDates = createDateResolver({ expressions: () => engine, envs: kestraEnvs(env), globals: {} });
  const flow = { namespace: parsed.flow.namespace, id: parsed.flow.id, revision: 1 };
  for (const { def: declared, type } of triggers) {
    let def = declared;
    try {
      def = resolveDates('main', flow, declared, type);
    } catch (err) {
      write(`${declared.id}: cannot render dates: ${(err as Error).message}`);
      return 2;
    }
    const tz = slots.zoneOf(def);
    write(`${def.id} (${type === SCHEDULE ? `cron "${String(def.cron)}"` : 'dates'}, ${tz})${def.disabled === true ? ' [disabled]' : ''}:`);
    let at = from;
    for (let i = 0; i < count; i++) {
      const next = slots.next(def, type, at);
      if (next === undefined) { if (i === 0) write('  no fire time left'); break; }
      write(`  ${slots.format(next, tz)}`);
      at = next;
    }
  }
  return 0;
}
