import { def, legacy, str, bool, map, type PluginDef } from '../schema.ts';

const common = () => ({ name: str({ default: 'default' }), namespace: bool({ default: false }), taskrunValue: bool({ default: true }) });

export const stateDefs: PluginDef[] = [
  def({
    type: 'state.Set', kind: 'task', deprecated: true, title: 'Merges data into a named state (deprecated)',
    aliases: [legacy('states', 'Set')], props: { ...common(), data: map() },
  }),
  def({
    type: 'state.Get', kind: 'task', deprecated: true, title: 'Reads a named state (deprecated)',
    aliases: [legacy('states', 'Get')], props: { ...common(), errorOnMissing: bool({ default: false }) },
  }),
  def({
    type: 'state.Delete', kind: 'task', deprecated: true, title: 'Deletes a named state (deprecated)',
    aliases: [legacy('states', 'Delete')], props: { ...common(), errorOnMissing: bool({ default: false }) },
  }),
];
