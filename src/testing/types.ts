// The public types of `kestra-lite/testing`. They describe the wire documents of the admin API
// (src/admin/model.ts) as plain interfaces, so that the declarations shipped to Node users import
// nothing else of kestra-lite; test/testing/types.test.ts pins them to the server's schemas.

/** `user:password`, or the two parts */
export type BasicAuth = string | { username: string; password: string };

export interface KestraLiteOptions {
  /** a directory whose `.yml`/`.yaml` files (any depth) are deployed at start, or flow sources. The directory is only read, never written. */
  flows?: string | readonly string[];
  /** a fixtures directory, or fixture documents (YAML or JSON); documents survive `reset()` */
  fixtures?: string | readonly string[];
  /** 'fake': time moves only through `advance`/`setTime` (default 'system') */
  clock?: 'system' | 'fake';
  /** the fake clock's start (default: the real time at start) */
  now?: string | Date;
  /** reproducible execution, task-run and other ids */
  seed?: number;
  /** the tenant the helpers call (`/api/v1/{tenant}/...`); default: none (Kestra's `main`) */
  tenant?: string;
  /** require HTTP basic auth on the Kestra API; the helpers send it */
  basicAuth?: BasicAuth;
  /** the admin API requires `Authorization: Bearer TOKEN`; the helpers send it */
  adminToken?: string;
  /** the Kestra version to emulate (`--kestra-version`); an error if this kestra-lite has no such mode */
  kestraVersion?: string;
  /** the port to listen on (default 0: a free port) */
  port?: number;
  /** keep everything in memory (default true); false persists under `dataDir` */
  memory?: boolean;
  /** the data directory when `memory` is false (default `./.kestra-lite`) */
  dataDir?: string;
  /** 'in-process' (the default under Bun) or 'process' (a child `kestra-lite serve`; the only mode under Node) */
  mode?: 'in-process' | 'process';
  /** environment variables of the runtime (`SECRET_*`, `KESTRA_*`); none unless given */
  env?: Record<string, string>;
  /** how long a child process may take to start (default 30 s) */
  startTimeoutMs?: number;
}

/** GET /_kestra-lite/clock */
export interface ClockView { now: string; mode: 'system' | 'fake' }

/** One request of the journal (GET /_kestra-lite/requests), oldest first. */
export interface JournalEntry {
  timestamp: string;
  method: string;
  /** the path the client sent, tenant included */
  path: string;
  query: Record<string, string | string[]>;
  status: number;
  durationMs: number;
  headers: Record<string, string>;
  /** secrets masked, truncated; null when there was none */
  body: string | null;
  /** the id of the fault that answered, if one did */
  fault?: string;
}

/** `path`: '*' matches within one segment, '**' anything; `method`: GET, POST, ... */
export interface RequestFilter { method?: string; path?: string }

/** The next `times` (default 1) requests matching method + path answer `status`/`body`, or are only delayed. */
export interface HttpFaultSpec {
  method?: string;
  path: string;
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  delayMs?: number;
  times?: number;
}

/** The next `times` (default 1) attempts of matching task runs fail, hang until their timeout, or wait first. */
export interface TaskFaultSpec {
  taskId?: string;
  taskType?: string;
  namespace?: string;
  flowId?: string;
  /** true, or the failure message */
  fail?: boolean | string;
  timeout?: boolean;
  delayMs?: number;
  times?: number;
}

export type FaultSpec = HttpFaultSpec | TaskFaultSpec;
export type FaultView = { id: string; kind: 'http' | 'task'; remaining: number } & FaultSpec;

/** GET /_kestra-lite/export: every state table and blob, with a checksum; give it back to `import`. */
export interface StateDocument {
  format: 'kestra-lite-state';
  formatVersion: number;
  kestraLiteVersion: string;
  exportedAt: string;
  schema: Record<string, number>;
  tables: Record<string, { columns: string[]; rows: unknown[][] }>;
  blobs: { key: string; base64: string }[];
  checksum: string;
}

/** Kestra's execution JSON (see the executions API); the fields tests read most, typed. */
export interface Execution {
  id: string;
  namespace: string;
  flowId: string;
  flowRevision: number;
  state: { current: string; startDate: string; endDate?: string; histories: { state: string; date: string }[] };
  taskRunList?: { id: string; taskId: string; state: { current: string }; outputs?: Record<string, unknown>; attempts?: unknown[] }[];
  labels?: { key: string; value: string }[];
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
  trigger?: { id: string; type: string; variables?: Record<string, unknown> };
  [field: string]: unknown;
}

/** One log line of GET /api/v1/logs/{executionId} */
export interface LogEntry { timestamp: string; level: string; message: string; taskId?: string; taskRunId?: string; executionId: string; [field: string]: unknown }

/** One entry of GET /api/v1/namespaces/{namespace}/kv */
export interface KvEntry { key: string; creationDate: string; updateDate: string; expirationDate?: string }

export interface KvHelpers {
  /** the value, or undefined when the key is missing or expired */
  get<T = unknown>(key: string): Promise<T | undefined>;
  /** stores a JSON value; `ttl` is an ISO-8601 duration (PT5M) */
  set(key: string, value: unknown, options?: { ttl?: string; description?: string }): Promise<void>;
  list(): Promise<KvEntry[]>;
  /** true when the key existed */
  delete(key: string): Promise<boolean>;
}

export interface ExecuteOptions {
  /** wait for the end of the execution (default true); with the fake clock, a flow that waits on time needs `wait: false` and `advance` */
  wait?: boolean;
  labels?: Record<string, string>;
}

/** An input value: text, a number, a boolean, JSON, or a file (Blob) */
export type InputValue = string | number | boolean | Blob | object;

export interface KestraLite {
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  /** `url + '/api/v1'` */
  readonly apiUrl: string;
  /** how this instance runs */
  readonly mode: 'in-process' | 'process';
  /** fetch on this instance: a path (`/api/v1/...`) or a full URL; basic auth and the admin token are added */
  fetch(path: string, init?: RequestInit): Promise<Response>;
  /** creates or updates a flow from its YAML; resolves with Kestra's flow JSON */
  deployFlow(yaml: string): Promise<Record<string, unknown>>;
  execute(namespace: string, flowId: string, inputs?: Record<string, InputValue>, options?: ExecuteOptions): Promise<Execution>;
  execution(id: string): Promise<Execution>;
  logs(executionId: string): Promise<LogEntry[]>;
  kv(namespace: string): KvHelpers;
  clock(): Promise<ClockView>;
  /** moves the fake clock by milliseconds or an ISO-8601 duration (P1D), firing every timer on the way; resolves once the work settled */
  advance(by: number | string): Promise<ClockView>;
  /** moves the fake clock to a date (forward: timers fire on the way) */
  setTime(to: Date | string | number): Promise<ClockView>;
  /** the request journal (admin calls excluded), oldest first */
  requests(filter?: RequestFilter): Promise<JournalEntry[]>;
  clearRequests(): Promise<void>;
  fault(spec: FaultSpec): Promise<FaultView>;
  faults(): Promise<FaultView[]>;
  clearFaults(): Promise<void>;
  /** empties every store (flows too unless keepFlows), the journal and the faults; fixture documents of the options are added again */
  reset(options?: { keepFlows?: boolean }): Promise<void>;
  export(): Promise<StateDocument>;
  /** replaces all state with an export; refused (and nothing changes) when corrupted or from another version */
  import(doc: StateDocument | string): Promise<void>;
  /** stops the server (and its process); idempotent */
  stop(): Promise<void>;
}

/** An answer the helpers did not expect: the status and Kestra's error message. */
export class KestraLiteError extends Error {
  constructor(readonly status: number, message: string, readonly body?: unknown) {
    super(message);
    this.name = 'KestraLiteError';
  }
}
