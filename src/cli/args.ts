// Command-line parsing for `kestra-lite <command> [flags]`. Hand-written because the flag set is
// small and we need `--no-x` negations and repeatable flags with exact error messages.

import { isKestraVersion, KESTRA_VERSIONS, type KestraVersion } from '../shared/kestra-version.ts';

export interface ServeFlags {
  port?: number; host?: string; flows?: string | null; data?: string; memory?: boolean; watch?: boolean;
  dashboard?: boolean; quiet?: boolean;
  /** stop when standard input closes: a child server ends with the process that started it, however that ends */
  exitOnStdinClose?: boolean; logFormat?: LogFormat; basicAuth?: string; apiTokens: string[]; maxBodyBytes?: number; publicUrl?: string; secretsFile?: string;
  /** test-double options (the admin API) */
  clock?: 'system' | 'fake'; now?: string; seed?: number; importFile?: string; exportOnExit?: string; adminToken?: string; journalSize?: number;
  kestraVersion?: KestraVersion;
  cors?: string; maxStreams?: number;
  /** the server time zone of date buckets (dashboards, stats, metrics) */
  timeZone?: string;
  renderMaxSize?: number; renderMaxIterations?: number; renderTimeoutMs?: number; maxOutputsBytes?: number;
}

/** plain-mode output: human lines or one JSON object per line */
export type LogFormat = 'text' | 'json';

/** flags of `test`, `validate` and `push` */
export interface ToolFlags { junit?: string; filter?: string; server?: string; namespace?: string; delete?: boolean; user?: string; token?: string; tenant?: string; dryRun?: boolean; files?: string; kv?: string; realClock?: boolean }

export interface ParsedArgs { command?: string; help: boolean; version: boolean; serve: ServeFlags; rest: string[]; inputs: string[]; fixtures?: string | null; strictFixtures: boolean; from?: string; count?: string; tool: ToolFlags }

export class UsageError extends Error {}

const VALUE_FLAGS = new Set(['--from', '--count', '--input', '--fixtures', '--port', '--host', '--flows', '--data', '--basic-auth', '--api-token', '--max-body-size', '--public-url', '--log-format', '--secrets-file',
  '--clock', '--now', '--seed', '--import', '--export-on-exit', '--admin-token', '--journal-size', '--kestra-version',
  '--junit', '--filter', '--server', '--namespace', '--user', '--token', '--tenant', '--files', '--kv', '--cors', '--max-streams', '--time-zone',
  '--render-max-size', '--render-max-iterations', '--render-timeout', '--max-outputs-size']);

export function parseArgs(argv: string[]): ParsedArgs {
  const out: ParsedArgs = { help: false, version: false, serve: { apiTokens: [] }, rest: [], inputs: [], strictFixtures: false, tool: {} };
  for (let i = 0; i < argv.length; i++) {
    let arg = argv[i]!;
    let value: string | undefined;
    const eq = arg.indexOf('=');
    if (arg.startsWith('--') && eq > 0) { value = arg.slice(eq + 1); arg = arg.slice(0, eq); }
    if (VALUE_FLAGS.has(arg) && value === undefined) {
      value = argv[++i];
      if (value === undefined) throw new UsageError(`${arg} needs a value`);
    }
    const s = out.serve;
    switch (arg) {
      case '-h': case '--help': out.help = true; break;
      case '-v': case '--version': out.version = true; break;
      case '--port': {
        const n = Number(value);
        if (!Number.isInteger(n) || n < 0 || n > 65535) throw new UsageError(`--port expects a number from 0 to 65535, got '${value}'`);
        s.port = n; break;
      }
      case '--host': s.host = value; break;
      case '--input': out.inputs.push(value!); break;
      case '--from': out.from = value; break;
      case '--count': out.count = value; break;
      case '--fixtures': out.fixtures = value; break;
      case '--strict-fixtures': out.strictFixtures = true; break;
      case '--no-fixtures': out.fixtures = null; break;
      case '--flows': s.flows = value; break;
      case '--no-flows': s.flows = null; break;
      case '--data': s.data = value; break;
      case '--memory': s.memory = true; break;
      case '--no-watch': s.watch = false; break;
      case '--watch': s.watch = true; break;
      case '--no-dashboard': s.dashboard = false; break;
      case '--dashboard': s.dashboard = true; break;
      case '--quiet': s.quiet = true; break;
      case '--exit-on-stdin-close': s.exitOnStdinClose = true; break;
      case '--log-format':
        if (value !== 'text' && value !== 'json') throw new UsageError(`--log-format expects text or json, got '${value}'`);
        s.logFormat = value; break;
      case '--basic-auth': s.basicAuth = value; break;
      case '--junit': out.tool.junit = value; break;
      case '--filter': out.tool.filter = value; break;
      case '--server': out.tool.server = value; break;
      case '--namespace': out.tool.namespace = value; break;
      case '--delete': out.tool.delete = true; break;
      case '--user': out.tool.user = value; break;
      case '--token': out.tool.token = value; break;
      case '--tenant': out.tool.tenant = value; break;
      case '--dry-run': out.tool.dryRun = true; break;
      case '--real-clock': out.tool.realClock = true; break;
      case '--files': out.tool.files = value; break;
      case '--kv': out.tool.kv = value; break;
      case '--api-token': s.apiTokens.push(value!); break;
      case '--public-url': s.publicUrl = value; break;
      case '--secrets-file': s.secretsFile = value; break;
      case '--clock':
        if (value !== 'system' && value !== 'fake') throw new UsageError(`--clock expects system or fake, got '${value}'`);
        s.clock = value; break;
      case '--now':
        if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i.test(value!) || Number.isNaN(Date.parse(value!))) {
          throw new UsageError(`--now expects an ISO-8601 date-time with a zone, like 2025-01-01T00:00:00Z, got '${value}'`);
        }
        s.now = value; break;
      case '--seed': {
        const n = Number(value);
        if (!Number.isSafeInteger(n) || n < 0) throw new UsageError(`--seed expects a whole number, got '${value}'`);
        s.seed = n; break;
      }
      case '--journal-size': {
        const n = Number(value);
        if (!Number.isInteger(n) || n < 0 || n > 1_000_000) throw new UsageError(`--journal-size expects a number from 0 to 1000000, got '${value}'`);
        s.journalSize = n; break;
      }
      case '--import': s.importFile = value; break;
      case '--export-on-exit': s.exportOnExit = value; break;
      case '--admin-token':
        if (!value) throw new UsageError('--admin-token needs a value');
        s.adminToken = value; break;
      case '--kestra-version':
        if (!isKestraVersion(value)) throw new UsageError(`--kestra-version: unsupported Kestra version '${value}': supported versions are ${KESTRA_VERSIONS.join(', ')}`);
        s.kestraVersion = value; break;
      case '--cors': s.cors = s.cors ? `${s.cors},${value}` : value; break;
      case '--time-zone':
        if (!value) throw new UsageError('--time-zone needs an IANA zone id (Europe/Paris) or an offset (+02:00)');
        s.timeZone = value; break;
      case '--max-streams': {
        const n = Number(value);
        if (!Number.isInteger(n) || n < 1) throw new UsageError(`--max-streams expects a positive number, got '${value}'`);
        s.maxStreams = n; break;
      }
      case '--max-body-size': {
        const n = parseSize(value!);
        if (n === undefined) throw new UsageError(`--max-body-size expects a size like 10mb, got '${value}'`);
        s.maxBodyBytes = n; break;
      }
      case '--render-max-size': {
        const n = parseSize(value!);
        if (!n) throw new UsageError(`--render-max-size expects a size like 10mb, got '${value}'`);
        s.renderMaxSize = n; break;
      }
      case '--max-outputs-size': {
        const n = parseSize(value!);
        if (!n) throw new UsageError(`--max-outputs-size expects a size like 10mb, got '${value}'`);
        s.maxOutputsBytes = n; break;
      }
      case '--render-max-iterations': s.renderMaxIterations = positiveInt(arg, value!); break;
      case '--render-timeout': s.renderTimeoutMs = positiveInt(arg, value!); break;
      default:
        if (arg.startsWith('-')) throw new UsageError(`Unknown option: ${arg}`);
        if (!out.command) out.command = arg;
        else out.rest.push(arg);
    }
  }
  return out;
}

function positiveInt(flag: string, text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${flag} expects a positive whole number, got '${text}'`);
  return n;
}

export function parseSize(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)\s*(b|kb|k|mb|m|gb|g)?$/i.exec(text.trim());
  if (!m) return undefined;
  const unit = (m[2] ?? 'b').toLowerCase()[0];
  const factor = unit === 'k' ? 1024 : unit === 'm' ? 1024 ** 2 : unit === 'g' ? 1024 ** 3 : 1;
  return Math.floor(Number(m[1]) * factor);
}

export const HELP = `kestra-lite — a local runner and mock server for Kestra's /api/v1

Usage:
  kestra-lite serve [options]     serve the Kestra API with the flows of a directory
  kestra-lite run FILE.yml [--input key=value ...] [--fixtures DIR] [--strict-fixtures] [--secrets-file FILE]
                                  run one flow in memory, print its logs, exit 0 on SUCCESS or WARNING
  kestra-lite schedule FILE.yml [--from DATE] [--count N]
                                  list the next fire times of the flow's schedules
  kestra-lite test [PATH...] [--filter PATTERN] [--junit FILE] [--fixtures DIR] [--server URL] [--real-clock]
                                  run the flow test suites under the paths (default ./flows);
                                  exit 1 on a failed case, 2 when a suite cannot be loaded.
                                  Time skips: a Sleep, a Pause delay or a retry interval takes
                                  no wall time (dates still show it); --real-clock waits for real.
                                  A suite whose flow is not under the paths finds it in its own
                                  folder, then each parent up to the working directory (its own
                                  files only), then --flows DIR (default ./flows); the flows of
                                  the folder that holds it (subflows too) are loaded with it
  kestra-lite validate [PATH...]  check every flow and test suite under the paths (file:line errors)
  kestra-lite push --server URL [PATH...] [--namespace NS] [--delete] [--user U:P | --token T]
                   [--tenant T] [--dry-run] [--files DIR] [--kv DIR]
                                  deploy flows (and ./files/<ns>/..., ./kv/<ns>.yml, test suites)
                                  to a Kestra server through its API; prints the plan first
                                  (+ create, ~ update, = unchanged, - delete); what the server
                                  already holds (sources compared trimmed) is not sent

Options for serve:
  --port N              port to listen on (default 8080; 0 = any free port)
  --host HOST           interface to bind (default 127.0.0.1)
  --flows DIR           flows directory, scanned and watched (default ./flows)
  --no-flows            no flows directory: flows come only through the API (nothing is
                        written to disk)
  --data DIR            data directory for persisted storage (default ./.kestra-lite)
  --memory              keep everything in memory; nothing touches disk
  --no-watch            scan the flows directory at start only
  --no-dashboard        plain log lines instead of the terminal dashboard (also when stdout
                        is not a terminal or CI=true)
  --log-format FORMAT   plain log lines as text (default) or json (one object per line)
  --quiet               no dashboard and no per-event lines (invalid flow files included):
                        only the start banner
  --exit-on-stdin-close stop when standard input closes (a server started by a tool or test
                        harness ends with it, even when that process is killed)
  --basic-auth U:P      require HTTP basic auth (also KESTRA_LITE_BASIC_AUTH)
  --api-token TOKEN     accept "Authorization: Bearer TOKEN" (repeatable; also KESTRA_LITE_API_TOKENS, comma-separated)
  --fixtures DIR        fixtures for tasks that cannot run locally (default ./fixtures)
  --no-fixtures         no fixtures directory (fixtures may still come from POST /_kestra-lite/fixtures)
  --strict-fixtures     a task without a fixture fails instead of ending WARNING
  --max-body-size SIZE  largest accepted request body (default 100mb)
  --public-url URL      base URL used in execution links (default: relative /ui/...)
  --cors ORIGIN         allow browser calls from ORIGIN (comma-separated or repeatable; * = any);
                        CORS is off, with no header at all, unless given
  --max-streams N       concurrent SSE streams per client address (default 100; past it: 429)
  --time-zone ZONE      the server time zone date buckets are cut in (dashboards, stats,
                        metrics); default: the process's (TZ)
  --secrets-file FILE   plain-text NAME=value lines read by secret('NAME'), next to the
                        base64 SECRET_<NAME> environment variables (the file wins)
  --kestra-version V    the Kestra API to answer as: 0.21 (default: 0.21 routes and shapes
                        plus every newer route that does not conflict) or 2.0 (exactly
                        open-source Kestra 2.0: its routes only, its shapes); also
                        KESTRA_LITE_KESTRA_VERSION

Test-double options for serve (the admin API under /_kestra-lite/):
  --clock fake|system   fake: time moves only through POST /_kestra-lite/clock/advance or /set
                        (default system)
  --now ISO             the fake clock's start, e.g. 2025-01-01T00:00:00Z (default: now)
  --seed N              reproducible execution, task-run and other ids
  --import FILE         load a state export (GET /_kestra-lite/export) before answering
  --export-on-exit FILE write a state export to FILE when stopped (SIGINT/SIGTERM)
  --admin-token TOKEN   the admin API requires "Authorization: Bearer TOKEN" (otherwise it is
                        open, even with --basic-auth)
  --journal-size N      requests the journal keeps (default 1000; 0 = no journal)
  --render-max-size SIZE        largest string or list one expression render may build
                                (default 10mb, in characters); beyond it the task fails
  --render-max-iterations N     loop iterations per render (default 100000)
  --render-timeout MS           time one render may take (default 1000)
  --max-outputs-size SIZE       largest outputs of one task (default 10mb); over it the task
                                fails with its outputs dropped, as Kestra's message protection

  -h, --help            show this help
  -v, --version         print the version
`;
