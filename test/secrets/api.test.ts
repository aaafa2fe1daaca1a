import { describe, expect, test } from 'bun:test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { attachPlainLogger } from '../../src/cli/plain-logger.ts';
import { testRuntime } from '../helpers/runtime.ts';
import { runFlow } from '../helpers/flows.ts';

const b64 = (s: string) => Buffer.from(s).toString('base64');
const ENV_VALUE = 'env-value-Zq8';
const FILE_VALUE = 'file-value-Xy7';
const OTHER_VALUE = 'other-value-Pw3';

async function withSecrets() {
  const dir = mkdtempSync(join(tmpdir(), 'kl-secrets-api-'));
  writeFileSync(join(dir, 'secrets.env'), `FROM_FILE=${FILE_VALUE}\nB_OTHER=${OTHER_VALUE}\n`);
  return testRuntime({ cwd: dir, secretsFile: 'secrets.env', env: { SECRET_FROM_ENV: b64(ENV_VALUE), SECRET_A_KEY: b64('a-value'), SECRET_WEBHOOK: b64('w') } });
}
const KEYS = ['A_KEY', 'B_OTHER', 'FROM_ENV', 'FROM_FILE', 'WEBHOOK'];

describe('GET /namespaces/{ns}/secrets (0.21) and /{tenant}/secrets (2.0)', () => {
  for (const path of ['/api/v1/namespaces/any.ns/secrets', '/api/v1/main/namespaces/any.ns/secrets', '/api/v1/t2/namespaces/x/secrets', '/api/v1/secrets', '/api/v1/main/secrets', '/api/v1/t2/secrets']) {
    test(`names only, read-only, paged: ${path}`, async () => {
      const c = await withSecrets();
      const all = await c.json('GET', path);
      expect(all.status).toBe(200);
      expect(all.body).toEqual({ readOnly: true, results: KEYS.slice(0, 5).map((key) => ({ key })), total: 5 });
      const page = await c.json('GET', `${path}?page=2&size=2`);
      expect(page.body).toEqual({ readOnly: true, results: [{ key: 'FROM_ENV' }, { key: 'FROM_FILE' }], total: 5 });
      const desc = await c.json('GET', `${path}?sort=key:desc&size=1`);
      expect(desc.body.results).toEqual([{ key: 'WEBHOOK' }]);
      expect((await c.json('GET', `${path}?q=from`)).body.total).toBe(2);
      expect((await c.json('GET', `${path}?filters[q][EQUALS]=key`)).body.results).toEqual([{ key: 'A_KEY' }]);
      expect((await c.json('GET', `${path}?filters[namespace][EQUALS]=company&filters[key][STARTS_WITH]=b_`)).body.results).toEqual([{ key: 'B_OTHER' }]);
    });
  }

  test('no secrets: an empty read-only list', async () => {
    const c = await testRuntime();
    expect((await c.json('GET', '/api/v1/namespaces/ns/secrets')).body).toEqual({ readOnly: true, results: [], total: 0 });
    expect((await c.json('GET', '/api/v1/namespaces/ns/inherited-secrets')).body).toEqual({ ns: [] });
  });

  test('bad paging, sort and filters are 422', async () => {
    const c = await withSecrets();
    for (const qs of ['page=0', 'size=-1', 'sort=key', 'sort=value:asc', 'filters[value][EQUALS]=x', 'filters[key][REGEX]=x', 'page=abc']) {
      const r = await c.json('GET', `/api/v1/secrets?${qs}`);
      expect(r.status).toBe(422);
      expect(typeof r.body.message).toBe('string');
    }
  });
});

describe('GET /namespaces/{ns}/inherited-secrets', () => {
  for (const prefix of ['/api/v1', '/api/v1/main', '/api/v1/t2']) {
    test(`every global secret under the namespace itself (${prefix})`, async () => {
      const c = await withSecrets();
      const r = await c.json('GET', `${prefix}/namespaces/company.team/inherited-secrets`);
      expect(r.status).toBe(200);
      expect(r.body).toEqual({ 'company.team': KEYS });
    });
  }
});

describe('secret() in flows reads both sources; values never leave through the API or logs', () => {
  const FLOW = `id: uses_secrets
namespace: company.team
tasks:
  - id: log
    type: io.kestra.plugin.core.log.Log
    message: "env={{ secret('from_env') }} file={{ secret('FROM_FILE') }}"
  - id: check
    type: io.kestra.plugin.core.debug.Return
    format: "{{ secret('FROM_ENV') | length }}/{{ secret('from_file') | length }}"
`;

  test('secret() resolves env and file secrets; logs show masks; no response carries a value', async () => {
    const c = await withSecrets();
    const lines: string[] = [];
    const detach = attachPlainLogger(c.rt.events, (l) => lines.push(l), c.rt.clock.now, {});
    const execution = await runFlow(c, FLOW);
    detach();
    expect(execution.state.current).toBe('SUCCESS');
    expect(execution.taskRunList[1].outputs.value).toBe(`${ENV_VALUE.length}/${FILE_VALUE.length}`);
    const logs = await c.json('GET', `/api/v1/logs/${execution.id}`);
    const message = logs.body.find((l: { taskId?: string }) => l.taskId === 'log').message;
    expect(message).toBe(`env=**masked*${'*'.repeat(ENV_VALUE.length - 9)} file=**masked*${'*'.repeat(FILE_VALUE.length - 9)}`);
    expect(lines.some((l) => l.includes('**masked*'))).toBe(true);

    const responses = await Promise.all([
      c.call('GET', '/api/v1/secrets'), c.call('GET', '/api/v1/namespaces/company.team/secrets'),
      c.call('GET', '/api/v1/namespaces/company.team/inherited-secrets'), c.call('GET', `/api/v1/executions/${execution.id}`),
      c.call('GET', `/api/v1/logs/${execution.id}`), c.call('GET', `/api/v1/logs/${execution.id}/download`),
      c.call('GET', '/api/v1/logs/search'), c.call('GET', '/api/v1/configs'),
    ]);
    const everything = [...(await Promise.all(responses.map((r) => r.text()))), ...lines].join('\n');
    for (const value of [ENV_VALUE, FILE_VALUE, OTHER_VALUE, 'a-value']) expect(everything).not.toContain(value);
  });

  test('an unknown secret fails the task with Kestra\'s message, naming the key only', async () => {
    const c = await withSecrets();
    const execution = await runFlow(c, 'id: missing\nnamespace: ns\ntasks:\n  - id: log\n    type: io.kestra.plugin.core.log.Log\n    message: "{{ secret(\'NOPE\') }}"\n');
    expect(execution.state.current).toBe('FAILED');
    const logs = (await c.json('GET', `/api/v1/logs/${execution.id}`)).body.map((l: { message: string }) => l.message).join('\n');
    expect(logs).toContain("Cannot find secret for key 'NOPE'.");
  });
});
