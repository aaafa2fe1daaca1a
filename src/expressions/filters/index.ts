// Filter registry. Immutable: runtime services reach filters through the Runtime argument.
import type { FilterDef } from '../callables.ts';
import { javaClassName } from '../values.ts';
import { COLLECTION_FILTERS } from './collections.ts';
import { DATE_FILTERS } from './dates.ts';
import { HASH_FILTERS } from './hash.ts';
import { JSON_FILTERS } from './json.ts';
import { NUMBER_FILTERS } from './numbers.ts';
import { STRING_FILTERS } from './strings.ts';

export const FILTERS: Readonly<Record<string, FilterDef>> = Object.freeze({
  ...STRING_FILTERS,
  ...COLLECTION_FILTERS,
  ...NUMBER_FILTERS,
  ...JSON_FILTERS,
  ...HASH_FILTERS,
  ...DATE_FILTERS,
  className: { fn: (v: unknown) => javaClassName(v) },
});
