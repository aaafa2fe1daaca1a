// Performs the side effects keys ask for (run, replay, kill, pause, resume, quit) through the
// injected deps, and reports each outcome on the status line.

import { useCallback, useEffect, useRef } from 'react';
import type { Action } from '../actions.ts';
import type { DashboardDeps } from '../deps.ts';
import type { Command } from '../keymap.ts';
import { promptFor, promptValues } from '../prompt.ts';

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));

export function useCommands(deps: DashboardDeps, dispatch: (actions: Action[]) => void): (c: Command) => void {
  const mounted = useRef(true);
  useEffect(() => () => { mounted.current = false; }, []);
  const report = useCallback((actions: Action[]) => { if (mounted.current) dispatch(actions); }, [dispatch]);

  return useCallback((c: Command) => {
    const fail = (err: unknown) => report([{ type: 'message', text: errorText(err), tone: 'error' }]);
    const run = (tenant: string, namespace: string, flowId: string, inputs: Map<string, string>) =>
      deps.run(tenant, namespace, flowId, inputs)
        .then((id) => report([{ type: 'select-execution', id }, { type: 'message', text: `started ${namespace}.${flowId} as ${id}`, tone: 'info' }]))
        .catch(fail);
    switch (c.kind) {
      case 'quit': deps.quit(); return;
      case 'ask-inputs': {
        let prompt;
        try { prompt = promptFor(c.flow, deps.flowInputs(c.flow.tenant, c.flow.namespace, c.flow.id)); } catch (err) { fail(err); return; }
        // a flow without inputs runs at once; otherwise the prompt collects them
        if (prompt.fields.length === 0) void run(c.flow.tenant, c.flow.namespace, c.flow.id, new Map());
        else report([{ type: 'prompt-open', prompt }]);
        return;
      }
      case 'run': void run(c.prompt.tenant, c.prompt.namespace, c.prompt.flowId, promptValues(c.prompt)); return;
      case 'control':
        deps.control(c.verb, c.execution.tenant, c.execution.id)
          .then((text) => report([{ type: 'message', text, tone: 'info' }]))
          .catch(fail);
    }
  }, [deps, report]);
}
