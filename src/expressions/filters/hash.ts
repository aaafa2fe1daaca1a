// Digest filters: hex digests of a string input (Kestra requires a string).
import { createHash } from 'node:crypto';
import type { FilterDef } from '../callables.ts';
import { EvalError } from '../errors.ts';

const digest = (algo: string, name: string): FilterDef => ({
  fn: (v) => {
    if (v === null || v === undefined) return null;
    if (typeof v !== 'string') throw new EvalError(`${name} filter only supports strings`);
    return createHash(algo).update(v, 'utf8').digest('hex');
  },
});

export const HASH_FILTERS: Record<string, FilterDef> = {
  sha1: digest('sha1', 'sha1'),
  sha256: digest('sha256', 'sha256'),
  sha512: digest('sha512', 'sha512'),
  md5: digest('md5', 'md5'),
};
