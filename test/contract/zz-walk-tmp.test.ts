import { test } from 'bun:test';
import { testRuntime } from '../helpers/runtime.ts';
import { readOperations, walk } from './endpoints.ts';
test('walk', async () => {
  const c = await testRuntime();
  const ops = readOperations('required-endpoints-2.0.txt').filter((o) => /executions|logs|outputs/.test(o.path));
  const r = await walk(c, ops, '/api/v1/main');
  console.log(JSON.stringify(r, null, 1));
}, 60000);
