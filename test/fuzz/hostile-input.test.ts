// Property-based tests with fast-check over hostile input (short variants: fixed seed, a few
// hundred runs each; bench/fuzz.ts runs the long ones). Every route of the route table with
// random params, query strings and bodies; multipart and ZIP; the flow YAML parser; the
// expression engine. Never a 5xx from input alone, never a crash, never a hang.
import { describe, expect, test } from 'bun:test';
import { createExpressionEngine } from '../../src/expressions/index.ts';
import { testRuntime, flowYaml, YAML, type TestClient } from '../helpers/runtime.ts';
import { expressionProperty, flowYamlProperty, multipartProperty, routesProperty, zipProperty } from './properties.ts';

const SEED = 20240611;

async function seeded(): Promise<TestClient> {
  const c = await testRuntime();
  await c.json('POST', '/api/v1/flows', { body: flowYaml('hello'), type: YAML });
  await c.json('POST', '/api/v1/executions/company.team/hello?wait=true');
  return c;
}

describe('hostile input (fast-check)', () => {
  test('every route: random params, queries and bodies never give a 5xx or hang', async () => {
    const c = await seeded();
    const routes = c.rt.app.routeTable();
    expect(routes.length).toBeGreaterThan(200);
    await routesProperty(c.rt, routes, { seed: SEED, numRuns: 600 });
    expect((await c.call('GET', '/api/v1/configs')).status).toBe(200); // still serving
  }, 60_000);

  test('multipart and ZIP uploads: broken framing, random parts, random archives', async () => {
    const c = await seeded();
    await multipartProperty(c.rt, { seed: SEED, numRuns: 300 });
  }, 60_000);

  test('readZip: random, truncated and mutated archives give entries or "Invalid zip file"', () => {
    zipProperty({ seed: SEED, numRuns: 1000 });
  });

  test('the flow YAML parser: a flow or violations, never an internal error', () => {
    flowYamlProperty({ seed: SEED, numRuns: 500 });
  });

  test('random templates: a result or an ExpressionError, never a crash or a hang', () => {
    const engine = createExpressionEngine({ secret: () => undefined, read: () => { throw new Error('no file'); } });
    const context = { inputs: { a: 1, s: 'text', list: [1, 2, 3] }, outputs: {}, flow: { id: 'f', namespace: 'n' }, vars: { x: 'y' }, envs: {} };
    expressionProperty(engine, context, { seed: SEED, numRuns: 3000 });
  });
});
