// `POST /flows/expressions`: what the no-code editor may autocomplete for a flow source (Kestra
// 2.0's ExpressionContext), without `{{ }}`: outputs of the tasks before `taskId` (kestra-lite has
// no output schemas, so one `outputs.<id>` per task) and of the triggers, the execution context,
// inputs, variables, secret names, KV keys of the namespace, filters, functions, app context.

import { routeModule } from '../http/route-module.ts';
import { readText } from '../http/body.ts';
import { queryOf } from '../http/query.ts';
import { tenantOf } from '../http/tenant.ts';
import { walkTasks } from '../flows/walk.ts';
import type { FlowDocument } from '../flows/model.ts';
import { filterNames, functionsJson } from './catalogue.ts';

const TRIGGER_OUTPUTS: Record<string, string[]> = {
  Schedule: ['date', 'next', 'previous'],
  ScheduleOnDates: ['date', 'next', 'previous'],
  Flow: ['executionId', 'namespace', 'flowId', 'flowRevision', 'state', 'executionLabels', 'outputs'],
  Webhook: ['body', 'headers', 'parameters'],
};

const EXECUTION_CONTEXT = [
  'flow.id', 'flow.namespace', 'execution.id', 'execution.startDate', 'execution.state', 'execution.originalId',
  'task.id', 'task.type', 'taskrun.id', 'taskrun.startDate', 'taskrun.attemptsCount', 'taskrun.parentId',
  'taskrun.value', 'taskrun.iteration', 'parent.task.id', 'parent.taskrun.value', 'parents',
];

export interface ExpressionSources {
  secretNames: string[];
  kvKeys(namespace: string): string[];
  envs: Record<string, string>;
  globals: Record<string, unknown>;
}

const sorted = (list: Iterable<string>) => [...new Set(list)].sort();

export function expressionContext(flow: FlowDocument, taskId: string | undefined, revision: number | undefined, tenant: string, src: ExpressionSources) {
  const outputs: string[] = [];
  for (const { task } of walkTasks(flow)) {
    if (taskId !== undefined && task.id === taskId) break;
    outputs.push(`outputs.${String(task.id)}`);
  }
  for (const t of flow.triggers ?? []) {
    const short = String(t.type).split('.').pop() ?? '';
    for (const name of TRIGGER_OUTPUTS[short] ?? []) outputs.push(`trigger.${name}`);
  }
  const labels = Array.isArray(flow.labels) ? flow.labels.map((l) => `labels.${l.key}`) : Object.keys(flow.labels ?? {}).map((k) => `labels.${k}`);
  return {
    categories: {
      taskOutputs: sorted(outputs),
      executionContext: sorted([...EXECUTION_CONTEXT, ...(revision !== undefined ? ['flow.revision'] : []), ...(tenant !== 'main' ? ['flow.tenantId'] : []), ...labels]),
      inputs: sorted((flow.inputs ?? []).map((i) => `inputs.${i.id}`)),
      variables: sorted(Object.keys(flow.variables ?? {}).map((k) => `vars.${k}`)),
      secrets: sorted(src.secretNames.map((k) => `secret('${k}')`)),
      kvPairs: sorted(src.kvKeys(flow.namespace).map((k) => `kv('${k}')`)),
      namespaceFiles: [] as string[],
      filters: filterNames().map((f) => `| ${f}`),
      functions: sorted(functionsJson().map((f) => `${f.name}(${f.arguments.map((a) => a.defaultValue ?? a.name).join(', ')})`)),
      appContext: sorted([...Object.keys(src.envs).map((k) => `envs.${k}`), ...Object.keys(src.globals).map((k) => `globals.${k}`), 'kestra.environment', 'kestra.url']),
    },
  };
}

/** The route; `parse` throws Kestra's 422 for an invalid source. */
export function flowExpressionRoutes(deps: {
  parse(source: string): { flow: FlowDocument };
  sources(tenant: string): ExpressionSources;
}) {
  return routeModule()
    .post('/flows/expressions', async ({ request }) => {
      const { flow } = deps.parse(await readText(request));
      const taskId = queryOf(request).get('taskId') ?? undefined;
      const tenant = tenantOf(request);
      return expressionContext(flow, taskId, undefined, tenant, deps.sources(tenant));
    });
}
