// Keys → reducer actions and side-effect commands. Pure, so every binding is unit-tested
// without a terminal; the app only performs the returned command.

import type { Key } from 'ink';
import type { Action } from './actions.ts';
import type { DashboardState, ExecRow, FlowRow, Prompt } from './model.ts';
import { cycleChoice, missingFields } from './prompt.ts';
import { selectedExecution, selectedFlow } from './state/selectors.ts';

export type ControlVerb = 'replay' | 'kill' | 'pause' | 'resume';
export type Command =
  | { kind: 'quit' }
  | { kind: 'ask-inputs'; flow: { tenant: string; namespace: string; id: string } }
  | { kind: 'run'; prompt: Prompt }
  | { kind: 'control'; verb: ControlVerb; execution: ExecRow };

export interface KeyResult { actions: Action[]; command?: Command }

const none: KeyResult = { actions: [] };
const act = (...actions: Action[]): KeyResult => ({ actions });
const isBackspace = (k: Partial<Key>) => !!(k.backspace || k.delete);
/** printable text (pastes included); control sequences arrive with a flag set instead */
const printable = (input: string, k: Partial<Key>) => input.length > 0 && !k.ctrl && !k.meta && !k.escape && !k.return && !k.tab && !/[\u0000-\u001f]/.test(input);

const VERBS: Record<string, ControlVerb> = { r: 'replay', k: 'kill', p: 'pause', u: 'resume' };

export function keyToIntent(s: DashboardState, input: string, key: Partial<Key>): KeyResult {
  if (key.ctrl && input === 'c') return { actions: [], command: { kind: 'quit' } };
  const ui = s.ui;
  if (ui.prompt) return promptKey(ui.prompt, input, key);
  if (ui.filterEditing) {
    if (key.escape) return act({ type: 'back' });
    if (key.return) return act({ type: 'filter-done' });
    if (isBackspace(key)) return act({ type: 'filter-backspace' });
    if (printable(input, key)) return act({ type: 'filter-type', text: input });
    return none;
  }
  if (ui.help && (key.escape || input === '?')) return act({ type: 'toggle-help' });
  if (key.tab) return act({ type: 'focus-next', delta: key.shift ? -1 : 1 });
  if (key.rightArrow) return act({ type: 'focus-next', delta: 1 });
  if (key.leftArrow) return act({ type: 'focus-next', delta: -1 });
  if (key.upArrow) return act({ type: 'move', delta: -1 });
  if (key.downArrow) return act({ type: 'move', delta: 1 });
  if (key.pageUp) return act({ type: 'move', delta: -10 });
  if (key.pageDown) return act({ type: 'move', delta: 10 });
  if (key.return) return act({ type: 'open' });
  if (key.escape) return act({ type: 'back' });
  switch (input) {
    case 'q': return { actions: [], command: { kind: 'quit' } };
    case '?': return act({ type: 'toggle-help' });
    case '/': return act({ type: 'filter-start' });
    case 'l': return act({ type: 'cycle-level' });
    case 'f': return act({ type: 'toggle-follow' });
    case 'x': {
      const flow = flowToRun(s);
      return flow ? { actions: [], command: { kind: 'ask-inputs', flow } } : act({ type: 'message', text: 'no flow to run', tone: 'error' });
    }
  }
  const verb = VERBS[input];
  if (verb) {
    const execution = selectedExecution(s);
    return execution ? { actions: [], command: { kind: 'control', verb, execution } } : act({ type: 'message', text: 'no execution selected', tone: 'error' });
  }
  return none;
}

/** `x` runs the highlighted flow, or the flow of the highlighted execution. */
function flowToRun(s: DashboardState): Pick<FlowRow, 'tenant' | 'namespace' | 'id'> | undefined {
  if (s.ui.focus === 'flows') return selectedFlow(s);
  const e = selectedExecution(s);
  return e ? { tenant: e.tenant, namespace: e.namespace, id: e.flowId } : selectedFlow(s);
}

function promptKey(p: Prompt, input: string, key: Partial<Key>): KeyResult {
  const field = p.fields[p.index];
  if (key.escape) return act({ type: 'prompt-close' });
  if (key.return) {
    if (p.index < p.fields.length - 1) return act({ type: 'prompt-move', delta: 1 });
    const missing = missingFields(p);
    if (missing.length) return act({ type: 'message', text: `required: ${missing.join(', ')}`, tone: 'error' });
    return { actions: [{ type: 'prompt-close' }], command: { kind: 'run', prompt: p } };
  }
  if (key.downArrow || (key.tab && !key.shift)) return act({ type: 'prompt-move', delta: 1 });
  if (key.upArrow || (key.tab && key.shift)) return act({ type: 'prompt-move', delta: -1 });
  if (!field) return none;
  if ((key.leftArrow || key.rightArrow) && field.choices) return act({ type: 'prompt-set', value: cycleChoice(field, key.rightArrow ? 1 : -1) });
  if (isBackspace(key)) return act({ type: 'prompt-backspace' });
  if (printable(input, key)) return act({ type: 'prompt-type', text: input });
  return none;
}

/**
 * Terminals deliver fast typing and pastes as one chunk ("Bob\r"). Split such a chunk into
 * single keys so Enter/Tab/Backspace inside it still act as keys.
 */
export function splitInput(input: string, key: Partial<Key>): [string, Partial<Key>][] {
  if (input.length <= 1 || key.ctrl || key.meta || !/[\r\n\t\u007f\b]/.test(input)) return [[input, key]];
  const out: [string, Partial<Key>][] = [];
  let text = '';
  const flush = () => { if (text) out.push([text, {}]); text = ''; };
  for (const ch of input) {
    if (ch === '\r' || ch === '\n') { flush(); out.push(['', { return: true }]); }
    else if (ch === '\t') { flush(); out.push(['', { tab: true }]); }
    else if (ch === '\u007f' || ch === '\b') { flush(); out.push(['', { backspace: true }]); }
    else text += ch;
  }
  flush();
  return out;
}
