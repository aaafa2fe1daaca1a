// Task entries: the deprecated state store.
import { legacy, str, bool, map } from '../schema.ts';
import { defineTask, type TaskEntry } from '../entry.ts';
import { stateDeleteTask } from '../core/state-delete.ts';
import { stateGetTask } from '../core/state-get.ts';
import { stateSetTask } from '../core/state-set.ts';

const common = () => ({ name: str({ default: 'default' }), namespace: bool({ default: false }), taskrunValue: bool({ default: true }) });

export const stateTasks: TaskEntry[] = [
  defineTask({
    type: 'state.Set', run: stateSetTask, deprecated: true, title: 'Merges data into a named state (deprecated)',
    aliases: [legacy('states', 'Set')], props: { ...common(), data: map() },
  }),
  defineTask({
    type: 'state.Get', run: stateGetTask, deprecated: true, title: 'Reads a named state (deprecated)',
    aliases: [legacy('states', 'Get')], props: { ...common(), errorOnMissing: bool({ default: false }) },
  }),
  defineTask({
    type: 'state.Delete', run: stateDeleteTask, deprecated: true, title: 'Deletes a named state (deprecated)',
    aliases: [legacy('states', 'Delete')], props: { ...common(), errorOnMissing: bool({ default: false }) },
  }),
];
