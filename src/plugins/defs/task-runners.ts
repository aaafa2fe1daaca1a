// Task runner entries of the plugin catalogue (what a script task's `taskRunner` may name).
import { Type } from '@sinclair/typebox';
import { definePlugin, type PluginEntry } from '../../tasks/entry.ts';

export const taskRunnerEntries: PluginEntry[] = [
  definePlugin('taskRunner', {
    type: 'runner.Process', title: 'Runs script tasks as local processes',
    props: { version: Type.String() },
  }),
];
