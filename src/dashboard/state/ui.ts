// The UI half of the reducer: focus, cursors, filter, log level, follow mode, prompt, help.
// Cursors are stored as keys (flow key, execution id) so live inserts never move the selection.

import { LOG_LEVEL_ORDER, type LogLevel } from '../../logs/model.ts';
import type { UiAction } from '../actions.ts';
import { flowKey, PANES, type DashboardState, type Pane, type Ui } from '../model.ts';
import { logsAtLevel, selectedExecution, selectedFlow, taskTree, visibleExecutions, visibleFlows } from './selectors.ts';

export const initialUi = (): Ui => ({ focus: 'executions', taskCursor: 0, filter: '', filterEditing: false, minLevel: 'INFO', follow: true, logScroll: 0, help: false });

const LEVELS = Object.keys(LOG_LEVEL_ORDER) as LogLevel[];
const clamp = (n: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, n));

/** Panes reachable with Tab: the detail view of an opened execution has only two. */
export const panesOf = (ui: Ui): readonly Pane[] => (ui.opened ? ['tasks', 'logs'] : PANES);

export function reduceUi(s: DashboardState, a: UiAction): Ui {
  // a message answers the last key; the next key dismisses it
  const ui: Ui = a.type === 'message' ? s.ui : { ...s.ui, message: undefined };
  switch (a.type) {
    case 'focus': return { ...ui, focus: a.pane };
    case 'focus-next': {
      const panes = panesOf(ui);
      const i = panes.indexOf(ui.focus);
      return { ...ui, focus: panes[(i + a.delta + panes.length) % panes.length]! };
    }
    case 'move': return move(s, ui, a.delta);
    case 'open': return open(s, ui);
    case 'back': {
      if (ui.help) return { ...ui, help: false };
      if (ui.prompt) return { ...ui, prompt: undefined };
      if (ui.filterEditing) return { ...ui, filterEditing: false, filter: '' };
      if (ui.opened) return { ...ui, opened: undefined, focus: 'executions' };
      return { ...ui, filter: '' };
    }
    case 'filter-start': return { ...ui, filterEditing: true, help: false };
    // typing is relative to the current text: two keys before a re-render must both land
    case 'filter-type': return { ...ui, filter: ui.filter + a.text };
    case 'filter-backspace': return { ...ui, filter: ui.filter.slice(0, -1) };
    case 'filter-done': return { ...ui, filterEditing: false };
    case 'cycle-level': return { ...ui, minLevel: LEVELS[(LEVELS.indexOf(ui.minLevel) + 1) % LEVELS.length]!, logScroll: 0 };
    case 'set-level': return { ...ui, minLevel: a.level, logScroll: 0 };
    case 'toggle-follow': return { ...ui, follow: !ui.follow, logScroll: 0 };
    case 'toggle-help': return { ...ui, help: !ui.help };
    case 'prompt-open': return { ...ui, prompt: a.prompt, help: false };
    case 'prompt-type': return editField(ui, (v) => v + a.text);
    case 'prompt-backspace': return editField(ui, (v) => v.slice(0, -1));
    case 'prompt-set': return editField(ui, () => a.value);
    case 'prompt-move':
      return ui.prompt ? { ...ui, prompt: { ...ui.prompt, index: clamp(ui.prompt.index + a.delta, 0, Math.max(0, ui.prompt.fields.length - 1)) } } : ui;
    case 'prompt-close': return { ...ui, prompt: undefined };
    case 'select-execution': return { ...ui, execId: a.id, opened: undefined, focus: 'executions' };
    case 'message': return { ...ui, message: { text: a.text, tone: a.tone } };
  }
}

function editField(ui: Ui, edit: (value: string) => string): Ui {
  const p = ui.prompt;
  if (!p) return ui;
  return { ...ui, prompt: { ...p, fields: p.fields.map((f, i) => (i === p.index ? { ...f, value: edit(f.value) } : f)) } };
}

function move(s: DashboardState, ui: Ui, delta: number): Ui {
  switch (ui.focus) {
    case 'flows': {
      const flows = visibleFlows(s);
      if (!flows.length) return ui;
      const i = flows.findIndex((f) => flowKey(f) === flowKey(selectedFlow(s)!));
      return { ...ui, flowKey: flowKey(flows[clamp(i + delta, 0, flows.length - 1)]!) };
    }
    case 'executions': {
      const list = visibleExecutions(s);
      if (!list.length) return ui;
      const i = list.findIndex((e) => e.id === selectedExecution(s)!.id);
      return { ...ui, execId: list[clamp(i + delta, 0, list.length - 1)]!.id, taskCursor: 0 };
    }
    case 'tasks': {
      const e = selectedExecution(s);
      const n = e ? taskTree(e).length : 0;
      return { ...ui, taskCursor: clamp(ui.taskCursor + delta, 0, Math.max(0, n - 1)) };
    }
    case 'logs': {
      // up scrolls back in time and leaves follow mode; reaching the bottom resumes following
      const e = selectedExecution(s);
      const lines = e ? logsAtLevel(s, e.id).length : 0;
      const scroll = clamp((ui.follow ? 0 : ui.logScroll) - delta, 0, Math.max(0, lines - 1));
      return { ...ui, logScroll: scroll, follow: scroll === 0 };
    }
  }
}

function open(s: DashboardState, ui: Ui): Ui {
  if (ui.focus === 'flows') {
    const f = selectedFlow(s);
    return f ? { ...ui, filter: flowKey(f), focus: 'executions', execId: undefined } : ui;
  }
  if (ui.focus === 'executions') {
    const e = selectedExecution(s);
    return e ? { ...ui, opened: e.id, execId: e.id, focus: 'tasks', taskCursor: 0, follow: true, logScroll: 0 } : ui;
  }
  if (ui.focus === 'logs') return { ...ui, follow: true, logScroll: 0 };
  return ui;
}
