// JSON / YAML text of JSON, YAML, ARRAY and MULTISELECT inputs, failing with Jackson-like messages
// (Kestra parses them with Jackson, and its message ends up in the "with errors" block).
import { nestingError } from '../../shared/nesting.ts';
import { yaml } from '../../shared/yaml.ts';
import { mismatch } from '../../flows/validate/jackson.ts';

const LIST = 'java.util.ArrayList<java.lang.Object>';
const NO_CONTENT = 'No content to map due to end-of-input';
const EXPECTING = "was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')";

/** The token Jackson names in "Unrecognized token": the run of characters up to a delimiter. */
function leadingToken(text: string): string {
  const m = /^[^\s,:\[\]{}"]+/.exec(text.trimStart());
  return m ? m[0] : text.trimStart().charAt(0);
}

function jsonFailure(text: string, e: unknown): Error {
  const trimmed = text.trim();
  if (/^[A-Za-z_$+\-.0-9]/.test(trimmed) && !/^-?\d/.test(trimmed)) {
    return new Error(`Unrecognized token '${leadingToken(trimmed)}': ${EXPECTING}`);
  }
  return new Error(e instanceof Error ? e.message : String(e));
}

/** `JacksonMapper.toObject`: any JSON value. */
export function parseJsonText(text: string): unknown {
  if (text.trim() === '') throw new Error(NO_CONTENT);
  const tooDeep = nestingError(text);
  if (tooDeep) throw new Error(tooDeep);
  try {
    return JSON.parse(text);
  } catch (e) {
    throw jsonFailure(text, e);
  }
}

/** `JacksonMapper.toList`: a JSON array (a JSON `null` gives null, as Jackson does). */
export function parseJsonList(text: string): unknown[] | null {
  const value = parseJsonText(text);
  if (value === null || Array.isArray(value)) return value;
  if (typeof value === 'string') throw new Error(`Cannot deserialize value of type \`${LIST}\` from String value (token \`JsonToken.VALUE_STRING\`)`);
  throw new Error(mismatch(LIST, value));
}

/** Jackson's YAML mapper read into an Object. */
export function parseYamlText(text: string): unknown {
  if (text.trim() === '') throw new Error(NO_CONTENT);
  const value: unknown = yaml().parse(text);
  return value === undefined ? null : value;
}
