// What a task's unexpected exception leaves in its logs, as Kestra's RunContextLogger does: the
// ERROR message, an ERROR entry with the causes' messages (when there are causes), and a TRACE
// entry with the stack trace. Kestra prints Java's trace; ours keeps the same shape (`Name:
// message`, `\tat function` frames, `Caused by:` for each cause) without the server's file paths
// and source locations, which mean nothing to a flow author and tell a client where we live.

import { publicStack } from '../../../shared/server-paths.ts';

const MAX_CAUSES = 16;

/** the error and its causes (`cause`), outermost first; stops at a cycle */
export function causalChain(err: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let cur = err; cur !== undefined && cur !== null && chain.length < MAX_CAUSES && !chain.includes(cur);) {
    chain.push(cur);
    cur = cur instanceof Error ? cur.cause : undefined;
  }
  return chain;
}

/** the causes' messages joined by new lines (Kestra's second ERROR entry); undefined without causes */
export function causesMessage(err: unknown): string | undefined {
  const causes = causalChain(err).slice(1);
  return causes.length ? causes.map((c) => (c instanceof Error ? c.message : String(c))).join('\n') : undefined;
}

/** the TRACE entry: Java's getStackTraceAsString shape, without locations */
export function traceText(err: unknown): string {
  return causalChain(err).map((e, i) => (i === 0 ? '' : 'Caused by: ') + publicStack(e)).join('\n');
}
