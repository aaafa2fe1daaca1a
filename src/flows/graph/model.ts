// Wire models of the two flow graphs Kestra serves: the topology of one flow (FlowGraph, for
// `GET /flows/{ns}/{id}/graph`) and the dependencies between flows (FlowTopologyGraph, for
// `GET /flows/{ns}/{id}/dependencies`). Null properties are omitted on the wire, hence the
// many optional fields.
import { Type, type Static } from '@sinclair/typebox';

/** A flow document as parsed from YAML/JSON; only the properties the graphs read are named. */
export interface FlowLike {
  id: string;
  namespace: string;
  revision?: number;
  tasks?: unknown;
  errors?: unknown;
  finally?: unknown;
  afterExecution?: unknown;
  triggers?: unknown;
  [key: string]: unknown;
}

/** Java class names of the graph node kinds, as Kestra puts them in `type`. */
export const GRAPH_TYPES = {
  task: 'io.kestra.core.models.hierarchies.GraphTask',
  subflowTask: 'io.kestra.core.models.hierarchies.SubflowGraphTask',
  trigger: 'io.kestra.core.models.hierarchies.GraphTrigger',
  cluster: 'io.kestra.core.models.hierarchies.GraphCluster',
  subflowCluster: 'io.kestra.core.models.hierarchies.SubflowGraphCluster',
  root: 'io.kestra.core.models.hierarchies.GraphClusterRoot',
  end: 'io.kestra.core.models.hierarchies.GraphClusterEnd',
  finally: 'io.kestra.core.models.hierarchies.GraphClusterFinally',
  afterExecution: 'io.kestra.core.models.hierarchies.GraphClusterAfterExecution',
} as const;

// FINALLY and AFTER_EXECUTION only appear for flows using `finally`/`afterExecution`, which
// 0.20 did not have; newer Kestra versions (and their SDKs) know both values.
export const RelationType = Type.Union([
  Type.Literal('SEQUENTIAL'),
  Type.Literal('CHOICE'),
  Type.Literal('ERROR'),
  Type.Literal('FINALLY'),
  Type.Literal('AFTER_EXECUTION'),
  Type.Literal('PARALLEL'),
  Type.Literal('DYNAMIC'),
]);
export type RelationType = Static<typeof RelationType>;

/** Branch a node belongs to, as newer Kestra reports it next to the older `error` flag. */
export const BranchType = Type.Union([Type.Literal('ERROR'), Type.Literal('FINALLY'), Type.Literal('AFTER_EXECUTION')]);
export type BranchType = Static<typeof BranchType>;

export const Relation = Type.Object({
  relationType: Type.Optional(RelationType),
  value: Type.Optional(Type.String()),
});
export type Relation = Static<typeof Relation>;

const TaskDocument = Type.Record(Type.String(), Type.Unknown());

/** Any non-cluster node: task, subflow task, trigger, or a cluster's root/end/finally marker. */
export const GraphNode = Type.Object({
  uid: Type.String(),
  type: Type.String(),
  error: Type.Boolean(),
  branchType: Type.Optional(BranchType),
  task: Type.Optional(TaskDocument),
  taskRun: Type.Optional(Type.Unknown()),
  values: Type.Optional(Type.Array(Type.String())),
  relationType: Type.Optional(RelationType),
  triggerDeclaration: Type.Optional(TaskDocument),
  trigger: Type.Optional(Type.Unknown()),
});
export type GraphNode = Static<typeof GraphNode>;

/** The cluster itself (uid `cluster_<path>`); `taskNode` is the flowable task that opened it. */
export const GraphClusterNode = Type.Object({
  uid: Type.String(),
  type: Type.String(),
  error: Type.Boolean(),
  branchType: Type.Optional(BranchType),
  relationType: Type.Optional(RelationType),
  taskNode: Type.Optional(GraphNode),
});
export type GraphClusterNode = Static<typeof GraphClusterNode>;

export const FlowGraphEdge = Type.Object({
  source: Type.String(),
  target: Type.String(),
  relation: Relation,
});
export type FlowGraphEdge = Static<typeof FlowGraphEdge>;

export const FlowGraphCluster = Type.Object({
  cluster: GraphClusterNode,
  /** uids of the cluster's direct members (nested clusters by their `cluster_` uid) */
  nodes: Type.Array(Type.String()),
  /** uids of the enclosing clusters, outermost first */
  parents: Type.Array(Type.String()),
  start: Type.String(),
  end: Type.String(),
});
export type FlowGraphCluster = Static<typeof FlowGraphCluster>;

export const FlowGraph = Type.Object({
  nodes: Type.Array(GraphNode),
  edges: Type.Array(FlowGraphEdge),
  clusters: Type.Array(FlowGraphCluster),
  flowables: Type.Optional(Type.Array(Type.String())),
});
export type FlowGraph = Static<typeof FlowGraph>;

export const FlowRelation = Type.Union([Type.Literal('FLOW_TASK'), Type.Literal('FLOW_TRIGGER')]);
export type FlowRelation = Static<typeof FlowRelation>;

export const FlowNode = Type.Object({
  uid: Type.String(),
  namespace: Type.String(),
  id: Type.String(),
});
export type FlowNode = Static<typeof FlowNode>;

export const FlowTopologyEdge = Type.Object({
  source: Type.String(),
  target: Type.String(),
  relation: FlowRelation,
});
export type FlowTopologyEdge = Static<typeof FlowTopologyEdge>;

export const FlowTopologyGraph = Type.Object({
  nodes: Type.Array(FlowNode),
  edges: Type.Array(FlowTopologyEdge),
});
export type FlowTopologyGraph = Static<typeof FlowTopologyGraph>;
