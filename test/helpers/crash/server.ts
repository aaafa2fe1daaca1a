// A real `kestra-lite serve` process over a data directory, for the crash test: started from
// source, its URL read from the start-up banner, its stdout drained so it never blocks on a pipe.

import { join } from 'node:path';

export const ROOT = join(import.meta.dir, '..', '..', '..');

export interface ServerProcess {
  url: string;
  proc: ReturnType<typeof Bun.spawn>;
  /** what the process printed on stderr (read after it exited) */
  stderr(): Promise<string>;
}

export async function startServer(dataDir: string, extra: string[] = []): Promise<ServerProcess> {
  const proc = Bun.spawn(
    [process.execPath, 'src/cli.ts', 'serve', '--data', dataDir, '--flows', join(dataDir, 'flows'), '--fixtures', join(dataDir, 'fixtures'),
      '--no-dashboard', '--quiet', '--port', '0', ...extra],
    { cwd: ROOT, stdout: 'pipe', stderr: 'pipe', env: { ...process.env, CI: 'true' } },
  );
  const reader = (proc.stdout as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let text = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`server exited before its banner: ${text}\n${await new Response(proc.stderr as ReadableStream).text()}`);
    text += decoder.decode(value);
    const m = /listening on (http:\/\/\S+)/.exec(text);
    if (m) {
      void (async () => { try { while (!(await reader.read()).done); } catch { /* process gone */ } })();
      return { url: m[1]!, proc, stderr: () => new Response(proc.stderr as ReadableStream).text() };
    }
  }
}

/** Ends the process with a signal and waits for its exit code. */
export async function stopServer(server: ServerProcess, signal: 'SIGKILL' | 'SIGTERM'): Promise<number> {
  server.proc.kill(signal);
  return server.proc.exited;
}
