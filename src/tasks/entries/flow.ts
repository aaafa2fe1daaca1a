// Task entries: flow control. Most are flowables the engine walks (their handlers are in
// core/flow-*.ts); Subflow, Sleep and ForEachItem's synthetic parts run on a worker.
import { Type } from '@sinclair/typebox';
import {
  legacy, str, int, bool, duration, dateTime, map, strList, tasks, dagTasks, inputDecls, labels, anyValue,
  staticInt, enumOf,
} from '../schema.ts';
import { defineTask, type TaskEntry } from '../entry.ts';
import { templateFlowable } from '../core/flow-template.ts';
import { ifFlowable, switchFlowable } from '../core/flow-branches.ts';
import { allowFailureFlowable, dagFlowable, parallelFlowable, pauseFlowable, sequentialFlowable } from '../core/flow-containers.ts';
import { eachParallelFlowable, eachSequentialFlowable, forEachFlowable } from '../core/flow-each.ts';
import { forEachItemChildren, forEachItemFlowable, itemsTask, mergeTask } from '../core/flow-for-each-item.ts';
import { splitTask } from '../core/flow-for-each-item-split.ts';
import { subflowTask } from '../core/flow-subflow.ts';
import { sleepTask } from '../core/sleep.ts';
import { waitForFlowable } from '../core/flow-wait-for.ts';
import { workingDirectoryFlowable } from '../core/flow-working-directory.ts';

const flows = (name: string) => legacy('flows', name);
const subflowProps = {
  namespace: str(), flowId: str(), revision: int({ minimum: 1 }), inputs: map(), labels: labels(),
  wait: bool({ default: true }), transmitFailed: bool({ default: true }), inheritLabels: bool({ default: false }),
  scheduleDate: dateTime(),
};

export const flowTasks: TaskEntry[] = [
  defineTask({
    type: 'flow.Sequential', flowable: sequentialFlowable, title: 'Runs child tasks one after the other',
    aliases: [flows('Sequential')], required: ['tasks'],
    props: { tasks: tasks({ minItems: 1 }) },
  }),
  defineTask({
    type: 'flow.Parallel', flowable: parallelFlowable, title: 'Runs child tasks concurrently',
    aliases: [flows('Parallel')], required: ['tasks'],
    props: { tasks: tasks({ minItems: 1 }), concurrent: staticInt({ default: 0, minimum: 0 }) },
  }),
  defineTask({
    type: 'flow.If', flowable: ifFlowable, title: 'Runs one branch or the other depending on a condition',
    aliases: [flows('If')], required: ['condition', 'then'],
    props: { condition: str(), then: tasks({ minItems: 1 }), else: tasks() },
  }),
  defineTask({
    type: 'flow.Switch', flowable: switchFlowable, title: 'Runs the branch whose key matches a value',
    aliases: [flows('Switch')], required: ['value'],
    props: { value: str(), cases: Type.Record(Type.String(), tasks(), { $casesTasks: true }), defaults: tasks() },
  }),
  defineTask({
    type: 'flow.ForEach', flowable: forEachFlowable, title: 'Runs child tasks once per value',
    required: ['values', 'tasks'],
    props: {
      values: Type.Union([Type.String(), Type.Array(anyValue())], { $dynamic: true }),
      concurrencyLimit: staticInt({ default: 1, minimum: 0 }), tasks: tasks({ minItems: 1 }),
    },
  }),
  defineTask({
    type: 'flow.Subflow', run: subflowTask, title: 'Starts an execution of another flow',
    aliases: [flows('Subflow'), flows('Flow')], required: ['namespace', 'flowId'],
    props: { ...subflowProps, outputs: Type.Record(Type.String(), Type.Unknown(), { deprecated: true }), restartBehavior: enumOf(['NEW_EXECUTION', 'RETRY_FAILED']) },
  }),
  defineTask({
    type: 'flow.Pause', flowable: pauseFlowable, title: 'Pauses the execution until resumed or a delay passes',
    aliases: [flows('Pause')],
    props: {
      delay: duration(), timeout: duration(), pauseDuration: duration(), onResume: inputDecls(),
      behavior: enumOf(['RESUME', 'WARN', 'CANCEL', 'FAIL'], { default: 'RESUME' }),
      tasks: tasks({ deprecated: true }),
    },
  }),
  defineTask({
    type: 'flow.Sleep', run: sleepTask, title: 'Waits for a duration',
    required: ['duration'], props: { duration: duration() },
  }),
  defineTask({
    type: 'flow.AllowFailure', flowable: allowFailureFlowable, title: 'Runs child tasks and turns their failure into a warning',
    aliases: [flows('AllowFailure')], required: ['tasks'],
    props: { tasks: tasks({ minItems: 1 }) },
  }),
  defineTask({
    type: 'flow.WorkingDirectory', flowable: workingDirectoryFlowable, title: 'Runs runnable child tasks in one shared directory',
    aliases: [flows('WorkingDirectory'), flows('Worker')], required: ['tasks'],
    props: {
      tasks: tasks(),
      cache: Type.Object({ patterns: Type.Array(Type.String()), ttl: Type.Optional(duration()) }),
      namespaceFiles: Type.Object({
        enabled: Type.Optional(bool({ default: true })), include: Type.Optional(strList()), exclude: Type.Optional(strList()),
        namespaces: Type.Optional(strList()), ifExists: Type.Optional(str()), folderPerNamespace: Type.Optional(bool()),
      }),
      inputFiles: Type.Union([Type.String(), Type.Record(Type.String(), Type.Unknown())], { $dynamic: true }),
      outputFiles: strList(),
    },
  }),
  defineTask({
    type: 'flow.Dag', flowable: dagFlowable, title: 'Runs child tasks following their declared dependencies',
    aliases: [flows('Dag')], required: ['tasks'],
    props: { tasks: dagTasks({ minItems: 1 }), concurrent: staticInt({ default: 0, minimum: 0 }) },
  }),
  defineTask({
    type: 'flow.WaitFor', flowable: waitForFlowable, title: 'Repeats child tasks until a condition holds',
    required: ['tasks', 'condition'],
    props: {
      tasks: tasks({ minItems: 1 }), condition: str(), failOnMaxReached: bool({ default: false }),
      checkFrequency: Type.Object({
        maxIterations: Type.Optional(int({ default: 100 })), maxDuration: Type.Optional(duration({ default: 'PT1H' })),
        interval: Type.Optional(duration({ default: 'PT1S' })),
      }),
    },
  }),
  defineTask({
    type: 'flow.EachSequential', flowable: eachSequentialFlowable, deprecated: true, title: 'Runs child tasks once per value, one value at a time (deprecated)',
    aliases: [flows('EachSequential')], required: ['value', 'tasks'],
    props: { value: Type.Union([Type.String(), Type.Array(anyValue())], { $dynamic: true }), tasks: tasks({ minItems: 1 }) },
  }),
  defineTask({
    type: 'flow.EachParallel', flowable: eachParallelFlowable, deprecated: true, title: 'Runs child tasks once per value, values in parallel (deprecated)',
    aliases: [flows('EachParallel')], required: ['value', 'tasks'],
    props: {
      value: Type.Union([Type.String(), Type.Array(anyValue())], { $dynamic: true }), tasks: tasks({ minItems: 1 }),
      concurrent: staticInt({ default: 0, minimum: 0 }),
    },
  }),
  defineTask({
    type: 'flow.ForEachItem', flowable: forEachItemFlowable, expand: forEachItemChildren, title: 'Starts one subflow execution per batch of items of a file',
    aliases: [flows('ForEachItem')], required: ['items', 'namespace', 'flowId'],
    props: {
      items: str(),
      batch: Type.Object({
        rows: Type.Optional(int({ default: 1 })), bytes: Type.Optional(str()), partitions: Type.Optional(int()),
        separator: Type.Optional(str({ default: '\n' })),
      }),
      ...subflowProps,
      restartBehavior: enumOf(['NEW_EXECUTION', 'RETRY_FAILED']),
    },
  }),
  defineTask({
    type: 'flow.Template', flowable: templateFlowable, deprecated: true, title: 'Includes the tasks of a template (deprecated)',
    aliases: [flows('Template')], required: ['namespace', 'templateId'],
    props: { namespace: str(), templateId: str(), tenantId: str(), args: Type.Record(Type.String(), Type.String()) },
  }),
  // ForEachItem's synthetic parts (see flow-for-each-item.ts); they carry the parent's properties
  ...([['ForEachItemSplit', splitTask], ['ForEachItemExecutable', itemsTask], ['ForEachItemMergeOutputs', mergeTask]] as const)
    .map(([part, run]) => defineTask({
      type: `flow.ForEachItem$${part}`, run, internal: true, title: `ForEachItem internal step (${part})`,
    })),
];
