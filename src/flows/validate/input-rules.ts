// Bean constraints of input declarations (engine-contract §2.1-2.2). Cross-input checks
// (duplicates, dependsOn) are flow-level, see flow-rules.ts.
import { INPUT_ID_PATTERN } from '../model.ts';
import { isPlainObject } from '../../shared/guards.ts';
import { type RuleViolation, joinPath, isBlank } from './rule-types.ts';

const ID_RE = new RegExp(INPUT_ID_PATTERN);
/** jakarta @Pattern matches the whole value */
export const fullMatch = (re: RegExp, text: string): boolean => {
  const m = re.exec(text);
  return m !== null && m.index === 0 && m[0].length === text.length;
};

export function validRegex(pattern: string): boolean {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}

export function inputConstraints(input: unknown, path: string): RuleViolation[] {
  if (!isPlainObject(input)) return input === null ? [{ path, message: 'must not be null' }] : [];
  const out: RuleViolation[] = [];
  const at = (k: string) => joinPath(path, k);
  const id = input.id ?? input.name;
  if (isBlank(id)) out.push({ path: at('id'), message: 'must not be null' });
  else if (!fullMatch(ID_RE, String(id))) out.push({ path: at('id'), message: `must match "${INPUT_ID_PATTERN}"` });
  if (typeof input.displayName === 'string' && input.displayName.length > 64) {
    out.push({ path: at('displayName'), message: 'size must be between 0 and 64' });
  }
  const type = input.type;
  if (type === 'ENUM' && isBlank(input.values)) out.push({ path: at('values'), message: 'must not be null' });
  if (type === 'ARRAY' && isBlank(input.itemType)) out.push({ path: at('itemType'), message: 'must not be null' });
  if (type === 'MULTISELECT' && !isBlank(input.values) && !isBlank(input.options)) {
    out.push({ path, message: "you can't define both `values` and `options`" });
  }
  if ((type === 'STRING' || type === 'SECRET') && typeof input.validator === 'string' && !validRegex(input.validator)) {
    out.push({ path: at('validator'), message: 'invalid pattern' });
  }
  return out;
}
