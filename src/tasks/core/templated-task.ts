// io.kestra.plugin.core.templating.TemplatedTask: renders `spec` (the YAML of one task), parses
// it and runs that task in this same run context (its properties are rendered again by the
// task itself, as in Kestra); its outputs are this task's outputs. The spec'd task is resolved
// through a lookup given by the registry (core handlers, aliases, fixtures); flowable tasks
// and nested TemplatedTasks are refused.

import { yaml } from '../../shared/yaml.ts';
import { TaskError, type RunnableTask, type TaskDefinition, type TaskLookup } from '../types.ts';
import { renderRequired } from './render-props.ts';
import { isPlainObject } from '../../shared/guards.ts';

const TEMPLATED_TYPES = ['io.kestra.plugin.core.templating.TemplatedTask', 'io.kestra.core.tasks.templating.TemplatedTask'];

function parseSpec(spec: string): TaskDefinition {
  let value: unknown;
  try {
    value = yaml().parse(spec);
  } catch (e) {
    throw new TaskError(`Unable to parse the templated task spec: ${(e as Error).message}`, e);
  }
  if (!isPlainObject(value)) throw new TaskError('The templated task spec must be a YAML map describing one task');
  if (typeof value.type !== 'string' || value.type.trim() === '') throw new TaskError('The templated task spec must have a `type`');
  if (typeof value.id !== 'string' || value.id.trim() === '') throw new TaskError('The templated task spec must have an `id`');
  return value as TaskDefinition;
}

export function createTemplatedTask(lookup: TaskLookup): RunnableTask {
  const self: RunnableTask = {
    async run(ctx) {
      const task = parseSpec(renderRequired(ctx, ctx.task.spec, 'spec'));
      const handler = lookup(task.type);
      if (TEMPLATED_TYPES.includes(task.type) || handler === self) {
        throw new TaskError("The templated task cannot be of type 'io.kestra.plugin.core.templating.TemplatedTask'");
      }
      if (!handler) throw new TaskError(`The templated task must be a runnable task, got '${task.type}'`);
      return handler.run({ ...ctx, task });
    },
  };
  return self;
}
