// KV decimals through the API (review finding 11e), checked against Kestra's sources: KVController
// reads the PUT body with `JacksonMapper.ofIon().readTree(value)`; Ion `1.0` is a decimal, and
// Jackson 2.18's tree reader strips trailing zeros of decimals by default
// (JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES), so the value stored is `1.` and GET answers
// `1`. (KVControllerTest's `1.0` → `1.0` case writes the Ion text to storage directly, bypassing PUT.)
import { expect, test } from 'bun:test';
import { testRuntime } from '../helpers/runtime.ts';

test('PUT 1.0 reads back as the number 1, 1.50 as 1.5, both NUMBER (the raw JSON text)', async () => {
  const c = await testRuntime();
  const cases: [string, string][] = [['1.0', '{"type":"NUMBER","value":1}'], ['1.50', '{"type":"NUMBER","value":1.5}'], ['-0.0', '{"type":"NUMBER","value":0}']];
  for (const [body, text] of cases) {
    expect((await c.call('PUT', '/api/v1/namespaces/ns/kv/d', { body, type: 'application/json' })).status).toBe(200);
    expect(await (await c.call('GET', '/api/v1/namespaces/ns/kv/d')).text()).toBe(text);
  }
});
