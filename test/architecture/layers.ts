// The layer table of src/, lowest first. A file may import files of its own layer or of any layer
// below; an import that runs to a higher layer is an "upward import". The order is the direction
// the code really depends in, read off the import graph (`bun scripts/import-graph.ts --edges`):
//
//   base         shared/, config.ts, version.ts     helpers, the event bus, the config schema
//   compat       compat/                            the Kestra version layer (2.0 route gate and
//                                                   response shapes), data-driven, used by the edge
//   expressions                                     the Pebble dialect; pure
//   http                                            the HTTP edge kit every routes module uses
//                                                   (respond, query, sse, tenant, auth, createApp);
//                                                   it mounts route modules it is given, imports none
//   models       flows/model.ts, executions/model.ts, executions/state.ts
//                                                   the data every layer passes around: the flow
//                                                   document, Execution/TaskRun, the state machine
//   records      logs/, metrics/, kv/, secrets/, namespaces/files/ (the namespace files store)
//                                                   what tasks and the engine read and write; peers,
//                                                   none imports another
//   tasks                                           the task registry: one entry per task type, the
//                                                   task contract, the runnable core tasks
//   plugins                                         the plugin catalogue, derived from the task
//                                                   registry (plus triggers and conditions)
//   flows                                           flow store, validation (binds to the catalogue),
//                                                   the flows directory, routes
//   templates                                       deprecated templates; the planner inlines them
//   executions                                      the engine, the execution service, its routes
//   triggers                                        scheduler, conditions, webhooks start executions
//   stats                                           read-side indexes over executions, logs, flows
//                                                   (and the task-run search served from one)
//   areas        namespaces/ (but its files store), files/ (the Files API), dashboards/, blueprints/, testsuites/
//                                                   API areas that read across flows, executions, KV, files, ...
//   misc                                            small API areas (configs, usages, basic-auth setup)
//   pebble                                          the Pebble catalogue and display rendering for the editor
//   mcp                                             the MCP server registry (stored configuration)
//   concurrency                                     flow concurrency limits over flows and the executions store
//   admin                                           kestra-lite's own admin API (/_kestra-lite/): time,
//                                                   journal, faults, reset, export/import; reaches every store
//   features     features.ts                        the feature registry: every feature, in order
//   runtime      runtime.ts                         the composition root
//   testing                                         the public harness (kestra-lite/testing): a
//                                                   runtime in-process or a child `serve`, over HTTP
//   dashboard                                       Ink views over the runtime's events
//   cli          cli/, cli.ts                       flags → runtime → dashboard
//
// A file that matches no layer fails the test: a new folder takes a line here.

export interface Layer {
  name: string;
  /** repo-relative folder prefixes (ending in /) or exact file paths */
  paths: string[];
}

export const LAYERS: Layer[] = [
  { name: 'base', paths: ['src/shared/', 'src/config.ts', 'src/version.ts'] },
  { name: 'compat', paths: ['src/compat/'] },
  { name: 'expressions', paths: ['src/expressions/'] },
  { name: 'http', paths: ['src/http/'] },
  { name: 'models', paths: ['src/flows/model.ts', 'src/executions/model.ts', 'src/executions/state.ts'] },
  { name: 'records', paths: ['src/logs/', 'src/metrics/', 'src/kv/', 'src/secrets/', 'src/namespaces/files/'] },
  { name: 'tasks', paths: ['src/tasks/'] },
  { name: 'plugins', paths: ['src/plugins/'] },
  { name: 'flows', paths: ['src/flows/'] },
  { name: 'templates', paths: ['src/templates/'] },
  { name: 'executions', paths: ['src/executions/'] },
  { name: 'triggers', paths: ['src/triggers/'] },
  { name: 'stats', paths: ['src/stats/'] },
  { name: 'areas', paths: ['src/namespaces/', 'src/files/', 'src/dashboards/', 'src/blueprints/', 'src/testsuites/'] },
  { name: 'misc', paths: ['src/misc/'] },
  { name: 'pebble', paths: ['src/pebble/'] },
  { name: 'mcp', paths: ['src/mcp/'] },
  { name: 'concurrency', paths: ['src/concurrency/'] },
  { name: 'admin', paths: ['src/admin/'] },
  { name: 'features', paths: ['src/features.ts'] },
  { name: 'runtime', paths: ['src/runtime.ts'] },
  { name: 'testing', paths: ['src/testing/'] },
  { name: 'dashboard', paths: ['src/dashboard/'] },
  { name: 'cli', paths: ['src/cli/', 'src/cli.ts'] },
];

/** The most upward imports src/ may have, allowed ones included. */
export const UPWARD_BUDGET = 4;

/** Upward imports that stay, each with why. The test fails on any other, and on an entry that no longer occurs. */
export const ALLOWED_UPWARD: { from: string; to: string; reason: string }[] = [];

/** File-level cycles that may stay: a cycle is allowed when every file of it is under one of these folders. */
export const CYCLE_FOLDERS_ALLOWED: { folder: string; reason: string }[] = [
  {
    folder: 'src/expressions/',
    reason: 'the interpreter is mutually recursive by nature: evaluate → functions (render, eval) → evaluate',
  },
];

/**
 * Cycles being removed on another branch, by their exact files. The test fails when one is gone,
 * so that its entry goes with it.
 */
export const PENDING_CYCLES: { files: string[]; reason: string }[] = [];

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
