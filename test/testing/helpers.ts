// Shared by the harness tests: every instance started here is stopped after its test.
import { startKestraLite, type KestraLite, type KestraLiteOptions } from '../../src/testing/index.ts';
import { releaseAfterTest } from '../helpers/cleanup.ts';


export async function start(options: KestraLiteOptions = {}): Promise<KestraLite> {
  const kl = await startKestraLite(options);
  releaseAfterTest(() => kl.stop());
  return kl;
}

export const NOW = '2025-01-01T00:00:00Z';

export const logFlow = (id: string, namespace = 't', extra = '') =>
  `id: ${id}\nnamespace: ${namespace}\n${extra}tasks:\n  - id: hello\n    type: io.kestra.plugin.core.log.Log\n    message: "Hello {{ inputs.name ?? 'you' }}"\n`;

export const DAILY = logFlow('daily', 't', 'triggers:\n  - id: every-day\n    type: io.kestra.plugin.core.trigger.Schedule\n    cron: "0 9 * * *"\n');

/** a plain client call, as the application under test makes it (not through the helpers) */
export async function appCall(kl: KestraLite, method: string, path: string, body?: string, type = 'application/json') {
  const res = await fetch(kl.url + path, { method, body, headers: body ? { 'content-type': type } : {} });
  const text = await res.text();
  let json: any = text;
  try { json = text ? JSON.parse(text) : undefined; } catch { /* text */ }
  return { status: res.status, body: json };
}
