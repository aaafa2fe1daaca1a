import { describe, expect, test } from 'bun:test';
import { Value } from '@sinclair/typebox/value';
import { buildFlowGraph, DagDependencyError, SubflowNotFoundError } from '../../src/flows/graph/flow-graph';
import { FlowGraph, type FlowLike } from '../../src/flows/graph/model';

const T = 'io.kestra.core.models.hierarchies.';
const LOG = 'io.kestra.plugin.core.log.Log';
const FLOW = 'io.kestra.plugin.core.flow.';

function counter(): () => string {
  let n = 0;
  return () => `id${++n}`;
}

function graphOf(flow: Partial<FlowLike> & { tasks: unknown[] }, opts: Parameters<typeof buildFlowGraph>[1] = {}) {
  const graph = buildFlowGraph({ id: 'f', namespace: 'company.team', ...flow }, { newId: counter(), ...opts });
  expect(Value.Check(FlowGraph, graph)).toBe(true);
  return graph;
}

const log = (id: string) => ({ id, type: LOG, message: id });
const relationText = (r: FlowGraph['edges'][number]['relation']) => `${r.relationType ?? ''}${r.value ? `:${r.value}` : ''}`;
const edgeList = (graph: FlowGraph) => graph.edges.map((e) => `${e.source} > ${e.target} ${relationText(e.relation)}`.trim());
const nodeUids = (graph: FlowGraph) => graph.nodes.map((n) => n.uid);
const node = (graph: FlowGraph, uid: string) => graph.nodes.find((n) => n.uid === uid)!;
const cluster = (graph: FlowGraph, uid: string) => graph.clusters.find((c) => c.cluster.uid === uid)!;

describe('buildFlowGraph: flat flows', () => {
  test('a flat flow is root -> t1 -> t2 -> end', () => {
    const graph = graphOf({ tasks: [log('t1'), log('t2')] });
    expect(graph.nodes).toEqual([
      { uid: 'root.root-id1', type: `${T}GraphClusterRoot`, error: false },
      { uid: 'root.end-id4', type: `${T}GraphClusterEnd`, error: false },
      { uid: 'root.t1', type: `${T}GraphTask`, error: false, task: log('t1'), relationType: 'SEQUENTIAL' },
      { uid: 'root.t2', type: `${T}GraphTask`, error: false, task: log('t2'), relationType: 'SEQUENTIAL' },
    ]);
    expect(graph.edges).toEqual([
      { source: 'root.root-id1', target: 'root.t1', relation: {} },
      { source: 'root.t1', target: 'root.t2', relation: { relationType: 'SEQUENTIAL' } },
      { source: 'root.t2', target: 'root.end-id4', relation: {} },
    ]);
    expect(graph.clusters).toEqual([]);
    expect('flowables' in graph).toBe(false);
  });

  test('uses random root/end ids by default', () => {
    const graph = buildFlowGraph({ id: 'f', namespace: 'ns', tasks: [log('t1')] });
    const [root, end] = graph.nodes.map((n) => n.uid);
    expect([root, end]).toEqual([expect.stringMatching(/^root\.root-[0-9A-Za-z]{10,22}$/), expect.stringMatching(/^root\.end-[0-9A-Za-z]{10,22}$/)]);
  });

  test('flow-level errors, finally and afterExecution branches', () => {
    const graph = graphOf({ tasks: [log('t1')], errors: [log('e1'), log('e2')], finally: [log('f1')], afterExecution: [log('a1')] });
    expect(nodeUids(graph)).toEqual([
      'root.root-id1', 'root.finally-id2', 'root.after-execution-id3', 'root.end-id4', 'root.t1', 'root.e1', 'root.e2', 'root.f1', 'root.a1',
    ]);
    expect(edgeList(graph).sort()).toEqual([
      'root.a1 > root.end-id4', 'root.after-execution-id3 > root.a1', 'root.e1 > root.e2 ERROR', 'root.e2 > root.finally-id2',
      'root.f1 > root.after-execution-id3', 'root.finally-id2 > root.f1', 'root.root-id1 > root.e1 ERROR', 'root.root-id1 > root.t1',
      'root.t1 > root.finally-id2',
    ]);
    expect(node(graph, 'root.e1')).toMatchObject({ error: true, branchType: 'ERROR', relationType: 'ERROR' });
    expect(node(graph, 'root.f1')).toMatchObject({ error: false, branchType: 'FINALLY', relationType: 'FINALLY' });
    expect(node(graph, 'root.a1')).toMatchObject({ branchType: 'AFTER_EXECUTION', relationType: 'AFTER_EXECUTION' });
    expect(node(graph, 'root.t1').branchType).toBeUndefined();
  });

  test('triggers get a cluster leading into the flow root', () => {
    const trigger = { id: 'every_minute', type: 'io.kestra.plugin.core.trigger.Schedule', cron: '* * * * *' };
    const graph = graphOf({ tasks: [log('t1')], triggers: [trigger, { id: 'hook', type: 'io.kestra.plugin.core.trigger.Webhook', key: 'k' }] });
    expect(node(graph, 'root.Triggers.every_minute')).toEqual({
      uid: 'root.Triggers.every_minute', type: `${T}GraphTrigger`, error: false, triggerDeclaration: trigger,
    });
    const triggers = cluster(graph, 'cluster_root.Triggers');
    expect(triggers.cluster).toEqual({ uid: 'cluster_root.Triggers', type: `${T}GraphCluster`, error: false });
    expect(triggers).toMatchObject({ parents: [], start: 'root.Triggers.root-id5', end: 'root.Triggers.end-id8' });
    expect(triggers.nodes).toEqual(['root.Triggers.root-id5', 'root.Triggers.end-id8', 'root.Triggers.every_minute', 'root.Triggers.hook']);
    const triggerEdges = ['root.Triggers.end-id8 > root.root-id1', 'root.Triggers.root-id5 > root.Triggers.hook', 'root.Triggers.hook > root.Triggers.end-id8'];
    expect(edgeList(graph)).toEqual(expect.arrayContaining(triggerEdges));
    expect(graphOf({ tasks: [log('t1')], triggers: [] }).clusters).toEqual([]);
  });
});

describe('buildFlowGraph: flowables', () => {
  test('Parallel fans out and joins, with the legacy alias drawn the same way', () => {
    for (const type of [`${FLOW}Parallel`, 'io.kestra.core.tasks.flows.Parallel']) {
      const parallel = { id: 'par', type, tasks: [log('a'), log('b')] };
      const graph = graphOf({ tasks: [parallel, log('last')] });
      expect(edgeList(graph).sort()).toEqual([
        'root.last > root.end-id4', 'root.par > root.par.a PARALLEL', 'root.par > root.par.b PARALLEL', 'root.par.a > root.par.end-id8',
        'root.par.b > root.par.end-id8', 'root.par.end-id8 > root.last SEQUENTIAL', 'root.par.root-id5 > root.par',
        'root.root-id1 > root.par.root-id5',
      ]);
      expect(cluster(graph, 'cluster_root.par').cluster).toEqual({
        uid: 'cluster_root.par', type: `${T}GraphCluster`, error: false, relationType: 'PARALLEL',
        taskNode: { uid: 'root.par', type: `${T}GraphTask`, error: false, task: parallel, relationType: 'PARALLEL' },
      });
      expect(node(graph, 'root.par.a').relationType).toBe('PARALLEL');
    }
  });

  test('Sequential, WorkingDirectory and AllowFailure chain their children', () => {
    for (const name of ['Sequential', 'WorkingDirectory', 'AllowFailure']) {
      const graph = graphOf({ tasks: [{ id: 's', type: `${FLOW}${name}`, tasks: [log('a'), log('b')] }] });
      expect(edgeList(graph)).toEqual(expect.arrayContaining(['root.s > root.s.a SEQUENTIAL', 'root.s.a > root.s.b SEQUENTIAL', 'root.s.b > root.s.end-id8']));
      expect(cluster(graph, 'cluster_root.s').cluster.relationType).toBe('SEQUENTIAL');
    }
  });

  test('If labels its branches then/else with CHOICE', () => {
    const graph = graphOf({ tasks: [{ id: 'if', type: `${FLOW}If`, condition: '{{ true }}', then: [log('a'), log('b')], else: [log('c')] }] });
    expect(edgeList(graph)).toEqual(expect.arrayContaining([
      'root.if > root.if.a CHOICE:then', 'root.if.a > root.if.b SEQUENTIAL:then', 'root.if.b > root.if.end-id8',
      'root.if > root.if.c CHOICE:else', 'root.if.c > root.if.end-id8',
    ]));
    const noElse = graphOf({ tasks: [{ id: 'if', type: 'io.kestra.core.tasks.flows.If', condition: 'x', then: [log('a')] }] });
    expect(edgeList(noElse).filter((e) => e.includes('else'))).toEqual([]);
  });

  test('Switch gives one CHOICE branch per case plus defaults', () => {
    const cases = { A: [log('a1'), log('a2')], B: [log('b1')] };
    const graph = graphOf({ tasks: [{ id: 'sw', type: `${FLOW}Switch`, value: '{{ inputs.x }}', cases, defaults: [log('d')] }] });
    expect(edgeList(graph)).toEqual(expect.arrayContaining([
      'root.sw > root.sw.d CHOICE:defaults', 'root.sw > root.sw.a1 CHOICE:A', 'root.sw.a1 > root.sw.a2 SEQUENTIAL:A', 'root.sw > root.sw.b1 CHOICE:B',
      'root.sw.a2 > root.sw.end-id8', 'root.sw.b1 > root.sw.end-id8', 'root.sw.d > root.sw.end-id8',
    ]));
  });

  test('ForEach with errors, finally and a nested If matches Kestra layout', () => {
    const tasks = [{ id: 'if', type: `${FLOW}If`, condition: 'x', then: [log('ok')], else: [log('ko')] }];
    const each = { id: 'each', type: `${FLOW}ForEach`, values: '[1]', tasks, errors: [log('e1'), log('e2')], finally: [log('a1'), log('a2')] };
    const graph = graphOf({ tasks: [each] });
    expect(nodeUids(graph)).toEqual([
      'root.root-id1', 'root.end-id4', 'root.each.root-id5', 'root.each.finally-id6', 'root.each.end-id8', 'root.each',
      'root.each.if.root-id9', 'root.each.if.end-id12', 'root.each.if', 'root.each.if.ok', 'root.each.if.ko',
      'root.each.e1', 'root.each.e2', 'root.each.a1', 'root.each.a2',
    ]);
    expect(edgeList(graph).sort()).toEqual([
      'root.each > root.each.if.root-id9 DYNAMIC', 'root.each.a1 > root.each.a2 DYNAMIC', 'root.each.a2 > root.each.end-id8',
      'root.each.e1 > root.each.e2 ERROR', 'root.each.e2 > root.each.finally-id6', 'root.each.end-id8 > root.end-id4',
      'root.each.finally-id6 > root.each.a1 DYNAMIC', 'root.each.if > root.each.if.ko CHOICE:else', 'root.each.if > root.each.if.ok CHOICE:then',
      'root.each.if.end-id12 > root.each.finally-id6', 'root.each.if.ko > root.each.if.end-id12', 'root.each.if.ok > root.each.if.end-id12',
      'root.each.if.root-id9 > root.each.if', 'root.each.root-id5 > root.each', 'root.each.root-id5 > root.each.e1 ERROR',
      'root.root-id1 > root.each.root-id5',
    ]);
    expect(graph.clusters.map((c) => [c.cluster.uid, c.parents, c.start, c.end])).toEqual([
      ['cluster_root.each', [], 'root.each.root-id5', 'root.each.end-id8'],
      ['cluster_root.each.if', ['cluster_root.each'], 'root.each.if.root-id9', 'root.each.if.end-id12'],
    ]);
    expect(cluster(graph, 'cluster_root.each').nodes).toEqual([
      'root.each.root-id5', 'root.each.finally-id6', 'root.each.end-id8', 'root.each', 'cluster_root.each.if',
      'root.each.if.root-id9', 'root.each.if.end-id12', 'root.each.e1', 'root.each.e2', 'root.each.a1', 'root.each.a2',
    ]);
    expect(node(graph, 'root.each').relationType).toBe('DYNAMIC');
    expect(cluster(graph, 'cluster_root.each.if').cluster.relationType).toBe('CHOICE');
  });

  test('EachSequential and EachParallel are DYNAMIC clusters', () => {
    const seq = graphOf({ tasks: [{ id: 'x', type: 'io.kestra.core.tasks.flows.EachSequential', value: '[1]', tasks: [log('a'), log('b')] }] });
    expect(edgeList(seq)).toEqual(expect.arrayContaining(['root.x > root.x.a DYNAMIC', 'root.x.a > root.x.b DYNAMIC', 'root.x.b > root.x.end-id8']));
    const par = graphOf({ tasks: [{ id: 'x', type: `${FLOW}EachParallel`, value: '[1]', tasks: [log('a'), log('b')] }] });
    const fanOut = ['root.x > root.x.a DYNAMIC', 'root.x > root.x.b DYNAMIC', 'root.x.a > root.x.end-id8', 'root.x.b > root.x.end-id8'];
    expect(edgeList(par)).toEqual(expect.arrayContaining(fanOut));
  });

  test('Dag links tasks by dependsOn with PARALLEL edges', () => {
    const b = { id: 'b', type: `${FLOW}Sequential`, tasks: [log('b1')] };
    const tasks = [{ task: log('d'), dependsOn: ['b', 'c'] }, { task: log('a') }, { task: b, dependsOn: ['a'] }, { task: log('c'), dependsOn: ['a'] }];
    const dag = { id: 'dag', type: `${FLOW}Dag`, tasks };
    const graph = graphOf({ tasks: [dag] });
    expect(edgeList(graph).filter((e) => e.startsWith('root.dag') && !/^root\.dag\.b(\.b1|\.root-\S+)? /.test(e)).sort()).toEqual([
      'root.dag > root.dag.a PARALLEL', 'root.dag.a > root.dag.b.root-id9 PARALLEL', 'root.dag.a > root.dag.c PARALLEL',
      'root.dag.b.end-id12 > root.dag.d PARALLEL', 'root.dag.c > root.dag.d PARALLEL', 'root.dag.d > root.dag.end-id8',
      'root.dag.end-id8 > root.end-id4', 'root.dag.root-id5 > root.dag',
    ]);
    expect(node(graph, 'root.dag.a').relationType).toBe('SEQUENTIAL');
    expect(cluster(graph, 'cluster_root.dag.b').parents).toEqual(['cluster_root.dag']);
  });

  test('Dag with a cycle or an unknown dependency throws instead of looping', () => {
    const cyclic = { id: 'dag', type: `${FLOW}Dag`, tasks: [{ task: log('a'), dependsOn: ['b'] }, { task: log('b'), dependsOn: ['a'] }] };
    expect(() => graphOf({ tasks: [cyclic] })).toThrow(DagDependencyError);
    const unknown = { id: 'dag', type: `${FLOW}Dag`, tasks: [{ task: log('a'), dependsOn: ['nope'] }] };
    expect(() => graphOf({ tasks: [unknown] })).toThrow(/dag.*a/);
  });

  test('a flowable in an errors branch marks its cluster as error', () => {
    const graph = graphOf({ tasks: [log('t1')], errors: [{ id: 'handle', type: `${FLOW}Sequential`, tasks: [log('h1')] }] });
    const handle = cluster(graph, 'cluster_root.handle');
    expect(handle.cluster).toMatchObject({ error: true, branchType: 'ERROR' });
    expect(handle.cluster.taskNode).toMatchObject({ error: true });
    expect(node(graph, handle.start).error).toBe(true);
    expect(node(graph, 'root.handle.h1').error).toBe(false);
    expect(edgeList(graph)).toContain(`root.root-id1 > ${handle.start} ERROR`);
  });
});
describe('buildFlowGraph: subflows', () => {
  const child: FlowLike = { id: 'child', namespace: 'company.other', tasks: [log('c1'), log('c2')] };
  const parent = { tasks: [log('before'), { id: 'call', type: `${FLOW}Subflow`, namespace: 'company.other', flowId: 'child' }, log('after')] };

  test('subflow tasks are SubflowGraphTask nodes (all aliases)', () => {
    for (const type of [`${FLOW}Subflow`, 'io.kestra.core.tasks.flows.Subflow', 'io.kestra.core.tasks.flows.Flow']) {
      const graph = graphOf({ tasks: [{ id: 'call', type, namespace: 'n', flowId: 'c' }] });
      expect(node(graph, 'root.call').type).toBe(`${T}SubflowGraphTask`);
    }
  });

  test('expanding a subflow inlines the called flow in a SubflowGraphCluster', () => {
    const calls: unknown[][] = [];
    const resolveSubflow = (...args: unknown[]) => (calls.push(args), child);
    for (const expand of ['root.call', 'call']) {
      const graph = graphOf(parent, { expandSubflows: [expand], resolveSubflow });
      const sub = cluster(graph, 'cluster_root.call');
      expect(sub.cluster).toMatchObject({ type: `${T}SubflowGraphCluster`, relationType: 'SEQUENTIAL', taskNode: { uid: 'root.call' } });
      expect(edgeList(graph)).toEqual(expect.arrayContaining([
        `root.before > ${sub.start} SEQUENTIAL`, `${sub.start} > root.call`, 'root.call > root.call.c1 SEQUENTIAL',
        'root.call.c1 > root.call.c2 SEQUENTIAL', `root.call.c2 > ${sub.end}`, `${sub.end} > root.after SEQUENTIAL`,
      ]));
      expect(edgeList(graph).some((e) => e.startsWith('root.before > root.call '))).toBe(false);
    }
    expect(calls[0]).toEqual(['company.other', 'child', undefined]);
  });

  test('nested subflows expand when their full uid is listed', () => {
    const middle: FlowLike = { id: 'middle', namespace: 'n', tasks: [{ id: 'inner', type: `${FLOW}Subflow`, namespace: 'company.other', flowId: 'child', revision: 3 }] };
    const resolve = (ns: string, id: string, rev?: number) => (id === 'middle' ? middle : id === 'child' && rev === 3 ? child : undefined);
    const opts = { expandSubflows: ['root.call', 'root.call.inner'], resolveSubflow: resolve };
    const graph = graphOf({ tasks: [{ id: 'call', type: `${FLOW}Subflow`, namespace: 'n', flowId: 'middle' }] }, opts);
    expect(cluster(graph, 'cluster_root.call.inner').parents).toEqual(['cluster_root.call']);
    expect(nodeUids(graph)).toContain('root.call.inner.c2');
  });

  test('an unknown subflow cannot be expanded', () => {
    const missing = { expandSubflows: ['root.call'], resolveSubflow: () => undefined };
    expect(() => graphOf(parent, missing)).toThrow(new SubflowNotFoundError('company.other_child', 'call'));
    expect(() => graphOf(parent, { expandSubflows: ['root.call'] })).toThrow(SubflowNotFoundError);
  });

  test('ForEachItem draws its split / subflow executions / merge steps', () => {
    const item = { id: 'fei', type: `${FLOW}ForEachItem`, items: '{{ outputs.x.uri }}', namespace: 'n', flowId: 'c', batch: { rows: 2 } };
    const graph = graphOf({ tasks: [item] });
    expect(node(graph, 'root.fei.fei_split').task).toMatchObject({ type: `${FLOW}ForEachItem$ForEachItemSplit`, items: item.items });
    expect(node(graph, 'root.fei.fei_items')).toMatchObject({ type: `${T}SubflowGraphTask`, task: { subflowId: { namespace: 'n', flowId: 'c' } } });
    const steps = ['root.fei > root.fei.fei_split', 'root.fei.fei_split > root.fei.fei_items', 'root.fei.fei_items > root.fei.fei_merge'];
    expect(edgeList(graph)).toEqual(expect.arrayContaining(steps.map((edge) => `${edge} SEQUENTIAL`)));
    const expanded = graphOf({ tasks: [item] }, { expandSubflows: ['root.fei.fei_items'], resolveSubflow: () => child });
    expect(nodeUids(expanded)).toContain('root.fei.fei_items.c1');
  });
});
