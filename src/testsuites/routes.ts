// The tests API (Enterprise-only in Kestra; openapi-2.0-tests.yml): suites from YAML, validate,
// search, run one suite or by query, results, bulk enable/disable/delete. Handlers translate
// HTTP to service calls. A run here waits on the server's own clock, as Kestra's runner does
// (5 minutes at most): the clock is shared with every other execution and the schedules, so it
// cannot skip time for one test run the way `kestra-lite test` does (with `serve --clock fake`,
// the run ends when the admin API moves the clock).

import { routeModule } from '../http/route-module.ts';
import { readJson, readText, requireKind } from '../http/body.ts';
import { boolParam, pagingParams, queryOf, sortParams, type Query } from '../http/query.ts';
import { json } from '../http/respond.ts';
import { tenantOf } from '../http/tenant.ts';
import { ApiError, badRequest, invalidEntity } from '../shared/errors.ts';
import { isPlainObject } from '../shared/guards.ts';
import type { SuiteRecord, TestSuiteRunResult } from './model.ts';
import type { SuiteId, SuiteService } from './service.ts';

/** TestSuite as Kestra returns it: the document plus its source and flags. */
export function suiteJson(r: SuiteRecord): Record<string, unknown> {
  const { suite } = r;
  return {
    id: suite.id, namespace: suite.namespace, flowId: suite.flowId, ...(suite.description !== undefined ? { description: suite.description } : {}),
    source: r.source, testCases: suite.testCases, deleted: false, disabled: suite.disabled === true,
  };
}

function page<T>(q: Query, all: T[], key: (t: T) => Record<string, unknown>): { results: T[]; total: number } {
  const paging = pagingParams(q);
  const sorts = sortParams(q);
  const sorted = sorts.length
    ? [...all].sort((a, b) => {
      for (const s of sorts) {
        const x = String(key(a)[s.field] ?? ''), y = String(key(b)[s.field] ?? '');
        if (x !== y) return (x < y ? -1 : 1) * (s.asc ? 1 : -1);
      }
      return 0;
    })
    : all;
  return { results: sorted.slice(paging.offset, paging.offset + paging.size), total: all.length };
}

async function readIds(request: Request): Promise<SuiteId[]> {
  const body = await readJson(request);
  if (!isPlainObject(body) || body.ids === undefined) throw badRequest('Required Body [ids] not specified');
  const ids = body.ids;
  if (!Array.isArray(ids) || !ids.every((i) => isPlainObject(i) && typeof i.namespace === 'string' && i.namespace && typeof i.id === 'string' && i.id)) {
    throw new ApiError('INVALID_JSON', 'Expected {"ids": [{"namespace": string, "id": string}]}');
  }
  if (!ids.length) throw invalidEntity([{ path: 'ids', message: 'size must be between 1 and 2147483647' }]);
  return ids as SuiteId[];
}

async function readYaml(request: Request): Promise<string> {
  requireKind(request, 'yaml', 'text', 'other');
  return readText(request);
}

const optString = (v: unknown, name: string): string | undefined => {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw new ApiError('INVALID_JSON', `${name} must be a string`);
  return v;
};

export function testSuiteRoutes({ suites }: { suites: SuiteService }) {
  const resultKey = (r: TestSuiteRunResult) => r as unknown as Record<string, unknown>;
  return routeModule()
    .post('/tests', async ({ request }) => json(suiteJson(suites.create(tenantOf(request), await readYaml(request)))))
    .post('/tests/validate', async ({ request }) => json(suites.validate(tenantOf(request), await readYaml(request))))
    .get('/tests/search', ({ request }) => {
      const q = queryOf(request);
      const all = suites.search(tenantOf(request), {
        namespace: q.get('namespace') ?? undefined, flowId: q.get('flowId') ?? undefined, includeChildNamespaces: boolParam(q, 'includeChildNamespaces', true),
      });
      const p = page(q, all, (r) => ({ ...r.suite }));
      return json({ results: p.results.map(suiteJson), total: p.total });
    })
    .post('/tests/run', async ({ request }) => {
      const body = (await readJson(request)) ?? {};
      if (!isPlainObject(body)) throw new ApiError('INVALID_JSON', 'Expected a JSON object');
      const namespace = optString(body.namespace, 'namespace');
      const flowId = optString(body.flowId, 'flowId');
      const includeChildNamespaces = body.includeChildNamespaces !== false;
      const tenant = tenantOf(request);
      const r = await suites.runByQuery(tenant, { namespace, flowId, includeChildNamespaces });
      return json({
        requestMade: { namespace: namespace ?? null, flowId: flowId ?? null, includeChildNamespaces },
        tenantId: tenant, numberOfTestSuitesToBeRun: r.suites, numberOfTestCasesToBeRun: r.cases, results: r.results,
      });
    })
    .get('/tests/results/search', ({ request }) => {
      const q = queryOf(request);
      const all = suites.results(tenantOf(request), {
        testSuiteId: q.get('testSuiteId') ?? undefined, namespace: q.get('namespace') ?? undefined, flowId: q.get('flowId') ?? undefined,
      });
      return json(page(q, all, resultKey));
    })
    .post('/tests/results/search/last', async ({ request }) => {
      const body = await readJson(request);
      const raw = isPlainObject(body) && Array.isArray(body.testSuiteIds) ? body.testSuiteIds : [];
      const ids = raw.filter((i): i is SuiteId => isPlainObject(i) && typeof i.namespace === 'string' && typeof i.id === 'string');
      return json({ results: suites.lastResults(tenantOf(request), ids) });
    })
    .get('/tests/results/:id', ({ request, params }) => json(suites.result(tenantOf(request), params.id)))
    .delete('/tests/by-ids', async ({ request }) => json({ count: suites.deleteMany(tenantOf(request), await readIds(request)) }))
    .post('/tests/enable/by-ids', async ({ request }) => json({ count: suites.setDisabled(tenantOf(request), await readIds(request), false) }))
    .post('/tests/disable/by-ids', async ({ request }) => json({ count: suites.setDisabled(tenantOf(request), await readIds(request), true) }))
    .get('/tests/:namespace/:id', ({ request, params }) => json(suiteJson(suites.get(tenantOf(request), params.namespace, params.id))))
    .put('/tests/:namespace/:id', async ({ request, params }) =>
      json(suiteJson(suites.update(tenantOf(request), params.namespace, params.id, await readYaml(request)))))
    .delete('/tests/:namespace/:id', ({ request, params }) => {
      suites.delete(tenantOf(request), params.namespace, params.id);
      return json({});
    })
    .post('/tests/:namespace/:id/run', async ({ request, params }) => {
      const body = await readJson(request);
      let cases: string[] | undefined;
      if (isPlainObject(body) && body.testCases !== undefined && body.testCases !== null) {
        if (!Array.isArray(body.testCases) || !body.testCases.every((c) => typeof c === 'string')) throw new ApiError('INVALID_JSON', 'testCases must be a list of test case ids');
        cases = body.testCases as string[];
      }
      return json(await suites.run(tenantOf(request), params.namespace, params.id, cases));
    });
}
