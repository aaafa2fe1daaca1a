// FlowGraph of one flow, as served by `GET /api/v1/flows/{namespace}/{id}/graph`: the flow's
// tasks laid out the way Kestra's topology view expects (clusters for flowables, a Triggers
// cluster, errors/finally/afterExecution branches), optionally with subflows expanded inline.
import type { FlowGraph, FlowLike } from './model';
import { newCluster } from './cluster';
import { fillFlow } from './flow-tree';
import { toFlowGraph } from './serialize';
import { expandSubflowTasks, type ResolveSubflow } from './subflows';
import { taskTreeBuilder } from './task-tree';

export { SubflowNotFoundError } from './subflows';
export { DagDependencyError } from './dag';

export interface BuildFlowGraphOptions {
  /** id generator for the root/end/marker node uids (inject for deterministic output) */
  newId?: () => string;
  /** uids of subflow task nodes to expand (`root.call`); a bare task path (`call`) is read as `root.call` */
  expandSubflows?: string[];
  resolveSubflow?: ResolveSubflow;
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** A random base62 id shaped like Kestra's friendly ids (~22 characters from 128 random bits). */
export function randomGraphId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  let value = bytes.reduce((acc, byte) => (acc << 8n) | BigInt(byte), 0n);
  let out = '';
  do {
    out = BASE62[Number(value % 62n)] + out;
    value /= 62n;
  } while (value > 0n);
  return out;
}

function normaliseExpansions(uids: string[]): string[] {
  return uids.filter((uid) => uid.length > 0).map((uid) => (uid.startsWith('root.') ? uid : `root.${uid}`));
}

/**
 * Builds the FlowGraph of `flow`.
 * @throws SubflowNotFoundError when an expanded subflow cannot be resolved
 * @throws DagDependencyError when a Dag task has cyclic or unknown dependencies
 */
export function buildFlowGraph(flow: FlowLike, opts: BuildFlowGraphOptions = {}): FlowGraph {
  const newId = opts.newId ?? randomGraphId;
  const build = taskTreeBuilder(newId);
  const root = newCluster({ prefix: 'root', newId });
  fillFlow(build, root, flow, newId);
  expandSubflowTasks(root, normaliseExpansions(opts.expandSubflows ?? []), { build, newId, resolve: opts.resolveSubflow });
  return toFlowGraph(root);
}
