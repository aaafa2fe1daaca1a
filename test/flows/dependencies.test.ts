import { describe, expect, test } from 'bun:test';
import { Value } from '@sinclair/typebox/value';
import { flowDependencies } from '../../src/flows/dependencies';
import { FlowTopologyGraph, type FlowLike } from '../../src/flows/graph/model';

const LOG = { id: 'log', type: 'io.kestra.plugin.core.log.Log', message: 'hi' };
const FLOW_TRIGGER = 'io.kestra.plugin.core.trigger.Flow';

function flow(namespace: string, id: string, extra: Partial<FlowLike> = {}): FlowLike {
  return { id, namespace, tasks: [LOG], ...extra };
}

function subflowTask(namespace: string, flowId: string, type = 'io.kestra.plugin.core.flow.Subflow') {
  return { id: `call_${flowId}`, type, namespace, flowId };
}

function deps(flows: FlowLike[], namespace: string, id: string, destinationOnly = false) {
  const graph = flowDependencies(flows, { namespace, id }, destinationOnly);
  expect(Value.Check(FlowTopologyGraph, graph)).toBe(true);
  return graph;
}

const edges = (graph: FlowTopologyGraph) => graph.edges.map((e) => `${e.source} -> ${e.target} ${e.relation}`);

describe('flowDependencies: FLOW_TASK', () => {
  const parent = flow('company', 'parent', { tasks: [{ id: 'par', type: 'io.kestra.plugin.core.flow.Parallel', tasks: [subflowTask('company.team', 'child')] }] });
  const child = flow('company.team', 'child', { tasks: [subflowTask('company.team', 'grandchild', 'io.kestra.core.tasks.flows.Flow')] });
  const grandchild = flow('company.team', 'grandchild');
  const all = [parent, child, grandchild];

  test('reports direct callers and callees with their nodes', () => {
    const graph = deps(all, 'company.team', 'child');
    expect(graph.nodes).toEqual([
      { uid: 'company_parent', namespace: 'company', id: 'parent' },
      { uid: 'company.team_child', namespace: 'company.team', id: 'child' },
      { uid: 'company.team_grandchild', namespace: 'company.team', id: 'grandchild' },
    ]);
    expect(edges(graph)).toEqual([
      'company_parent -> company.team_child FLOW_TASK',
      'company.team_child -> company.team_grandchild FLOW_TASK',
    ]);
  });

  test('destinationOnly keeps only the flows the target depends on', () => {
    expect(edges(deps(all, 'company.team', 'child', true))).toEqual(['company_parent -> company.team_child FLOW_TASK']);
    expect(deps(all, 'company', 'parent', true)).toEqual({ nodes: [], edges: [] });
  });

  test('relations are direct only', () => {
    expect(edges(deps(all, 'company', 'parent'))).toEqual(['company_parent -> company.team_child FLOW_TASK']);
  });

  test('recognises Subflow aliases and ForEachItem, in errors branches too', () => {
    const callers = [
      flow('a', 'legacy_subflow', { tasks: [subflowTask('t', 'target', 'io.kestra.core.tasks.flows.Subflow')] }),
      flow('a', 'for_each_item', { tasks: [{ id: 'fei', type: 'io.kestra.plugin.core.flow.ForEachItem', items: 'x', namespace: 't', flowId: 'target' }] }),
      flow('a', 'legacy_fei', { tasks: [LOG], errors: [{ id: 'fei', type: 'io.kestra.core.tasks.flows.ForEachItem', items: 'x', namespace: 't', flowId: 'target' }] }),
      flow('a', 'other_ns', { tasks: [subflowTask('other', 'target')] }),
    ];
    expect(edges(deps([...callers, flow('t', 'target')], 't', 'target'))).toEqual([
      'a_legacy_subflow -> t_target FLOW_TASK',
      'a_for_each_item -> t_target FLOW_TASK',
      'a_legacy_fei -> t_target FLOW_TASK',
    ]);
  });

  test('calls to flows that do not exist produce no node', () => {
    const lonely = flow('n', 'lonely', { tasks: [subflowTask('n', 'missing')] });
    expect(deps([lonely], 'n', 'lonely')).toEqual({ nodes: [], edges: [] });
  });

  test('unknown target and self calls give an empty graph', () => {
    expect(deps(all, 'nope', 'nothing')).toEqual({ nodes: [], edges: [] });
    const recursive = flow('n', 'self', { tasks: [subflowTask('n', 'self')] });
    expect(deps([recursive], 'n', 'self')).toEqual({ nodes: [], edges: [] });
  });
});

describe('flowDependencies: FLOW_TRIGGER', () => {
  const upstream = flow('company.team', 'upstream');
  const listener = (trigger: Record<string, unknown>) => flow('company.listen', 'listener', { triggers: [{ id: 'on_upstream', type: FLOW_TRIGGER, ...trigger }] });
  const dependsOnUpstream = (trigger: Record<string, unknown>, others: FlowLike[] = []) =>
    edges(deps([upstream, ...others, listener(trigger)], 'company.listen', 'listener', true));

  test('ExecutionFlow conditions (canonical and legacy types)', () => {
    expect(dependsOnUpstream({ conditions: [{ type: 'io.kestra.plugin.core.condition.ExecutionFlow', namespace: 'company.team', flowId: 'upstream' }] }))
      .toEqual(['company.team_upstream -> company.listen_listener FLOW_TRIGGER']);
    const legacy = flow('company.listen', 'listener', { triggers: [{
      id: 'old', type: 'io.kestra.core.models.triggers.types.Flow',
      conditions: [{ type: 'io.kestra.core.models.conditions.types.ExecutionFlowCondition', namespace: 'company.team', flowId: 'upstream' }],
    }] });
    expect(edges(deps([upstream, legacy], 'company.team', 'upstream'))).toEqual(['company.team_upstream -> company.listen_listener FLOW_TRIGGER']);
    expect(dependsOnUpstream({ conditions: [{ type: 'io.kestra.plugin.core.condition.ExecutionFlow', namespace: 'company.team', flowId: 'other' }] })).toEqual([]);
  });

  test('ExecutionNamespace conditions with EQUALS, PREFIX, SUFFIX and the legacy prefix flag', () => {
    const ns = (extra: Record<string, unknown>) => ({ conditions: [{ type: 'io.kestra.plugin.core.condition.ExecutionNamespace', ...extra }] });
    const match = ['company.team_upstream -> company.listen_listener FLOW_TRIGGER'];
    expect(dependsOnUpstream(ns({ namespace: 'company.team' }))).toEqual(match);
    expect(dependsOnUpstream(ns({ namespace: 'company' }))).toEqual([]);
    expect(dependsOnUpstream(ns({ namespace: 'company', comparison: 'PREFIX' }))).toEqual(match);
    expect(dependsOnUpstream(ns({ namespace: '.team', comparison: 'SUFFIX' }))).toEqual(match);
    expect(dependsOnUpstream({ conditions: [{ type: 'io.kestra.core.models.conditions.types.ExecutionNamespaceCondition', namespace: 'comp', prefix: true }] })).toEqual(match);
  });

  test('preconditions.flows[] name the upstream flows', () => {
    const match = ['company.team_upstream -> company.listen_listener FLOW_TRIGGER'];
    expect(dependsOnUpstream({ preconditions: { id: 'p', flows: [{ namespace: 'company.team', flowId: 'upstream', states: ['SUCCESS'] }] } })).toEqual(match);
    expect(dependsOnUpstream({ preconditions: { id: 'p', flows: [{ namespace: 'company.team' }] } })).toEqual(match);
    expect(dependsOnUpstream({ preconditions: { id: 'p', flows: [{ namespace: 'company.team', flowId: 'x' }] } })).toEqual([]);
  });

  test('filter conditions do not prevent a match, unknown conditions do', () => {
    const flowCondition = { type: 'io.kestra.plugin.core.condition.ExecutionFlow', namespace: 'company.team', flowId: 'upstream' };
    expect(dependsOnUpstream({ conditions: [flowCondition, { type: 'io.kestra.plugin.core.condition.ExecutionStatus', in: ['SUCCESS'] }] }))
      .toHaveLength(1);
    expect(dependsOnUpstream({ conditions: [flowCondition, { type: 'com.example.CustomCondition' }] })).toEqual([]);
    expect(dependsOnUpstream({ conditions: [{ type: 'io.kestra.plugin.core.condition.MultipleCondition', id: 'm', window: 'P1D', conditions: {
      a: { type: 'io.kestra.plugin.core.condition.ExecutionFlow', namespace: 'elsewhere', flowId: 'x' },
      b: flowCondition,
    } }] })).toHaveLength(1);
  });

  test('a Flow trigger without conditions listens to every flow, as Kestra reports it', () => {
    const other = flow('zzz', 'other');
    expect(dependsOnUpstream({}, [other])).toEqual([
      'company.team_upstream -> company.listen_listener FLOW_TRIGGER',
      'zzz_other -> company.listen_listener FLOW_TRIGGER',
    ]);
  });

  test('FLOW_TASK wins when a flow both calls and triggers another', () => {
    const caller = flow('company.team', 'upstream', { tasks: [subflowTask('company.listen', 'listener')] });
    const trigger = { preconditions: { id: 'p', flows: [{ namespace: 'company.team', flowId: 'upstream' }] } };
    expect(edges(deps([caller, listener(trigger)], 'company.listen', 'listener'))).toEqual([
      'company.team_upstream -> company.listen_listener FLOW_TASK',
    ]);
  });

  test('a flow triggered by the target appears downstream unless destinationOnly', () => {
    const target = flow('company.team', 'upstream');
    const trigger = { conditions: [{ type: 'io.kestra.plugin.core.condition.ExecutionFlow', namespace: 'company.team', flowId: 'upstream' }] };
    expect(edges(deps([target, listener(trigger)], 'company.team', 'upstream'))).toEqual([
      'company.team_upstream -> company.listen_listener FLOW_TRIGGER',
    ]);
    expect(deps([target, listener(trigger)], 'company.team', 'upstream', true)).toEqual({ nodes: [], edges: [] });
  });
});
