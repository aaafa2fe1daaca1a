// The admin API under /_kestra-lite/ (never a Kestra route): time, the request journal, faults,
// reset, export/import, fixtures. Plain JSON for any language; errors in Kestra's error JSON.

import { routeModule } from '../http/route-module.ts';
import { readJson, readText } from '../http/body.ts';
import { ADMIN_PREFIX } from '../shared/feature.ts';
import { invalidEntity, notFound } from '../shared/errors.ts';
import type { Fixtures } from '../tasks/fixtures/fixtures.ts';
import type { Faults } from './faults.ts';
import type { Journal } from './journal.ts';
import { check, ClockAdvance, ClockSet, HttpFaultSpec, TaskFaultSpec } from './model.ts';
import type { StateService } from './state/service.ts';
import type { TimeControl } from './time.ts';
import { noContent } from '../http/respond.ts';

export interface AdminRouteDeps { time: TimeControl; journal: Journal; faults: Faults; state: StateService; fixtures: Fixtures }


/** refuses query parameters other than the allowed ones (a typo must not pass silently) */
function onlyParams(request: Request, allowed: string[]): URLSearchParams {
  const params = new URL(request.url).searchParams;
  for (const name of params.keys()) {
    if (!allowed.includes(name)) throw invalidEntity([{ path: name, message: `unknown query parameter (allowed: ${allowed.join(', ') || 'none'})` }]);
  }
  return params;
}

export function adminRoutes(deps: AdminRouteDeps) {
  const { time, journal, faults, state, fixtures } = deps;
  return routeModule(ADMIN_PREFIX)
    .get('/clock', () => time.view())
    .post('/clock/advance', async ({ request }) => time.advance(check(ClockAdvance, await readJson(request), 'advance')))
    .post('/clock/set', async ({ request }) => time.set(check(ClockSet, await readJson(request), 'set')))
    .get('/requests', async ({ request }) => {
      const q = onlyParams(request, ['method', 'path']);
      return { results: await journal.list({ method: q.get('method') ?? undefined, path: q.get('path') ?? undefined }) };
    })
    .delete('/requests', () => { journal.clear(); return noContent(); })
    .post('/faults', async ({ request }) => {
      const body = await readJson(request);
      const isTask = body !== null && typeof body === 'object' && ('taskId' in body || 'taskType' in body);
      return isTask ? faults.addTask(check(TaskFaultSpec, body, 'fault')) : faults.addHttp(check(HttpFaultSpec, body, 'fault'));
    })
    .get('/faults', () => ({ results: faults.list() }))
    .delete('/faults', () => { faults.clear(); return noContent(); })
    .delete('/faults/:id', ({ params }) => {
      if (!faults.remove(params.id)) throw notFound(`no fault '${params.id}'`);
      return noContent();
    })
    .post('/reset', async ({ request }) => {
      const keep = onlyParams(request, ['keep']).get('keep');
      if (keep !== null && keep !== 'flows') throw invalidEntity([{ path: 'keep', message: `'${keep}' cannot be kept: the only value is 'flows'` }]);
      await state.reset({ keepFlows: keep === 'flows' });
      return noContent();
    })
    .get('/export', () => new Response(JSON.stringify(state.exportDocument()), {
      headers: { 'content-type': 'application/json', 'content-disposition': 'attachment; filename="kestra-lite-state.json"' },
    }))
    .post('/import', async ({ request }) => {
      await state.importDocument(await readText(request));
      return noContent();
    })
    .post('/fixtures', async ({ request }) => {
      const text = await readText(request);
      if (!text.trim()) throw invalidEntity([{ path: 'fixtures', message: 'a fixture document (YAML or JSON) is required' }]);
      try {
        return { name: fixtures.add(text) };
      } catch (err) {
        throw invalidEntity([{ path: 'fixtures', message: (err as Error).message }]);
      }
    })
    .delete('/fixtures', () => { fixtures.clearAdded(); return noContent(); });
}
