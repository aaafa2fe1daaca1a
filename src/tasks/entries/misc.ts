import { Type } from '@sinclair/typebox';
import { def, legacy, str, bool, type PluginDef } from '../schema.ts';

export const miscDefs: PluginDef[] = [
  def({
    type: 'templating.TemplatedTask', kind: 'task', title: 'Renders a task definition, then runs it',
    aliases: [legacy('templating', 'TemplatedTask')], required: ['spec'], props: { spec: str() },
  }),
  def({
    type: 'trigger.Toggle', kind: 'task', title: 'Enables or disables a trigger of a flow',
    aliases: [legacy('trigger', 'Toggle')], required: ['trigger'],
    props: { namespace: str(), flowId: str(), trigger: str(), enabled: bool({ default: false }) },
  }),
  def({
    type: 'runner.Process', kind: 'taskRunner', title: 'Runs script tasks as local processes',
    props: { version: Type.String() },
  }),
];
