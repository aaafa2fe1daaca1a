// Task entries: TemplatedTask (runs another task type, so it is built with the registry's
// lookup) and trigger.Toggle.
import { legacy, str, bool } from '../schema.ts';
import { defineTask, type TaskEntry } from '../entry.ts';
import { createTemplatedTask } from '../core/templated-task.ts';
import { triggerToggleTask } from '../core/trigger-toggle.ts';

export const miscTasks: TaskEntry[] = [
  defineTask({
    type: 'templating.TemplatedTask', runWith: createTemplatedTask, title: 'Renders a task definition, then runs it',
    aliases: [legacy('templating', 'TemplatedTask')], required: ['spec'], props: { spec: str() },
  }),
  defineTask({
    type: 'trigger.Toggle', run: triggerToggleTask, title: 'Enables or disables a trigger of a flow',
    aliases: [legacy('trigger', 'Toggle')], required: ['trigger'],
    props: { namespace: str(), flowId: str(), trigger: str(), enabled: bool({ default: false }) },
  }),
];
