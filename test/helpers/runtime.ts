// Creates an in-memory runtime per test and disposes it; requests go through app.handle
// without a socket.

import { createRuntime, type Runtime, type RuntimeOptions } from '../../src/runtime.ts';
import { fakeClock } from '../../src/shared/time/clock.ts';
import { sequentialIds } from '../../src/shared/ids.ts';
import { releaseAfterTest } from './cleanup.ts';


export interface TestClient {
  rt: Runtime;
  call(method: string, path: string, init?: { body?: NonNullable<RequestInit['body']> | object; type?: string; headers?: Record<string, string> }): Promise<Response>;
  json<T = any>(method: string, path: string, init?: { body?: NonNullable<RequestInit['body']> | object; type?: string; headers?: Record<string, string> }): Promise<{ status: number; body: T; res: Response }>;
}

export async function testRuntime(options: RuntimeOptions = {}): Promise<TestClient> {
  // UTC server zone: date buckets do not depend on the machine's zone
  const rt = await createRuntime({ memory: true, flowsDir: null, clock: fakeClock(), ids: sequentialIds('id'), timeZone: 'UTC', ...options });
  releaseAfterTest(() => rt.dispose());
  const call: TestClient['call'] = (method, path, init = {}) => {
    const headers: Record<string, string> = { ...(init.headers ?? {}) };
    let body = init.body as NonNullable<RequestInit['body']> | undefined;
    if (init.body !== undefined && typeof init.body === 'object' && !(init.body instanceof FormData) && !(init.body instanceof Uint8Array) && !(init.body instanceof Blob)) {
      body = JSON.stringify(init.body);
      headers['content-type'] ??= 'application/json';
    }
    if (init.type) headers['content-type'] = init.type;
    return rt.app.handle(new Request(`http://localhost${path}`, { method, headers, body }));
  };
  return {
    rt,
    call,
    async json(method, path, init) {
      const res = await call(method, path, init);
      const text = await res.text();
      let body: any = text;
      try { body = text ? JSON.parse(text) : undefined; } catch { /* keep text */ }
      return { status: res.status, body, res };
    },
  };
}

export const YAML = 'application/x-yaml';

export function flowYaml(id: string, namespace = 'company.team', extra = ''): string {
  return `id: ${id}\nnamespace: ${namespace}\n${extra}tasks:\n  - id: hello\n    type: io.kestra.plugin.core.log.Log\n    message: Hello\n`;
}
