// The layer table of src/, lowest first. A file may import files of its own layer or of any layer
// below; an import that runs to a higher layer is an "upward import". The order is the direction
// the code really depends in, read off the import graph (scripts/import-graph.ts prints it):
//
//   base        shared/, config.ts, version.ts   helpers and the config schema; import nothing of ours
//   expressions                                  the Pebble dialect; pure, used by flows, tasks, engine, triggers
//   http                                         the HTTP edge kit (respond, query, sse, tenant, auth, app) every routes module uses
//   plugins                                      the plugin catalogue and its schemas (flow validation binds against it)
//   flows                                        the flow document, its store, validation and routes
//   records     logs/, metrics/, kv/, namespaces/  stores that tasks and the engine write into; peers, none imports another
//   tasks                                        the task contract and the runnable core tasks
//   executions                                   the engine, the execution service and its routes
//   triggers                                     the scheduler, conditions and webhooks start executions
//   stats                                        read-side indexes over executions, logs and flows
//   misc                                         settings, usages and other small API areas
//   runtime     runtime.ts                       the composition root builds every service
//   dashboard                                    the Ink views over the runtime's events
//   cli         cli/, cli.ts                     parses flags, starts the runtime and the dashboard
//
// A file that matches no layer fails the test: a new folder takes a line here.

export interface Layer {
  name: string;
  /** repo-relative folder prefixes (ending in /) or exact file paths */
  paths: string[];
}

export const LAYERS: Layer[] = [
  { name: 'base', paths: ['src/shared/', 'src/config.ts', 'src/version.ts'] },
  { name: 'expressions', paths: ['src/expressions/'] },
  { name: 'http', paths: ['src/http/'] },
  { name: 'plugins', paths: ['src/plugins/'] },
  { name: 'flows', paths: ['src/flows/'] },
  { name: 'records', paths: ['src/logs/', 'src/metrics/', 'src/kv/', 'src/namespaces/'] },
  { name: 'tasks', paths: ['src/tasks/'] },
  { name: 'executions', paths: ['src/executions/'] },
  { name: 'triggers', paths: ['src/triggers/'] },
  { name: 'stats', paths: ['src/stats/'] },
  { name: 'misc', paths: ['src/misc/'] },
  { name: 'runtime', paths: ['src/runtime.ts'] },
  { name: 'dashboard', paths: ['src/dashboard/'] },
  { name: 'cli', paths: ['src/cli/', 'src/cli.ts'] },
];

/** Upward imports that stay, each with why. The test fails on any other, and on an entry that no longer occurs. */
export const ALLOWED_UPWARD: { from: string; to: string; reason: string }[] = [];

/** File-level cycles that may stay: a cycle is allowed when every file of it is under one of these folders. */
export const CYCLE_FOLDERS_ALLOWED: { folder: string; reason: string }[] = [
  {
    folder: 'src/expressions/',
    reason: 'the interpreter is mutually recursive by nature: evaluate → functions (render, eval) → evaluate',
  },
];

export function layerOf(file: string): number | undefined {
  let best: { index: number; length: number } | undefined;
  LAYERS.forEach((layer, index) => {
    for (const p of layer.paths) {
      const hit = p.endsWith('/') ? file.startsWith(p) : file === p;
      // the longest match wins, so an exact file path can sit in another layer than its folder
      if (hit && (!best || p.length > best.length)) best = { index, length: p.length };
    }
  });
  return best?.index;
}
