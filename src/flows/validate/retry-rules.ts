// Bean constraints and validators of retry policies (flow-level and task-level).
import { isPlainObject } from '../../shared/guards.ts';
import { parseDurationMs } from '../../shared/time/durations.ts';
import { type RuleViolation, joinPath, isBlank } from './rule-types.ts';

export function retryConstraints(retry: unknown, path: string): RuleViolation[] {
  if (!isPlainObject(retry)) return [];
  const out: RuleViolation[] = [];
  const at = (k: string) => joinPath(path, k);
  const type = retry.type;
  if (!isBlank(retry.maxAttempts) && Number(retry.maxAttempts) < 1) {
    out.push({ path: at('maxAttempts'), message: 'must be greater than or equal to 1' });
  }
  const required = type === 'random' ? ['minInterval', 'maxInterval'] : type === 'exponential' ? ['interval', 'maxInterval'] : ['interval'];
  for (const k of required) if (isBlank(retry[k])) out.push({ path: at(k), message: 'must not be null' });
  const ms = (k: string) => parseDurationMs(retry[k]);
  const interval = ms('interval');
  const maxDuration = ms('maxDuration');
  const maxInterval = ms('maxInterval');
  const minInterval = ms('minInterval');
  if (type === 'constant' && interval !== undefined && maxDuration !== undefined && interval >= maxDuration) {
    out.push({ path, message: `'interval' must be less than 'maxDuration' but is ${String(retry.interval)}` });
  }
  if (type === 'exponential') {
    if (interval !== undefined && maxInterval !== undefined && interval >= maxInterval) {
      out.push({ path, message: `'interval' must be less than 'maxInterval' but is ${String(retry.interval)}` });
    }
    if (interval !== undefined && maxDuration !== undefined && interval >= maxDuration) {
      out.push({ path, message: `'interval' must be less than 'maxDuration' but is ${String(retry.interval)}` });
    }
  }
  if (type === 'random' && minInterval !== undefined && maxInterval !== undefined && minInterval >= maxInterval) {
    out.push({ path, message: "'minInterval' must be less than 'maxInterval'" });
  }
  return out;
}
