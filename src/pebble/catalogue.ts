// What kestra-lite's Pebble dialect really offers, read from the registries the engine uses
// (never a hand-written list that could drift): `GET /pebble/filters` and `/pebble/functions`.

import { FILTERS } from '../expressions/filters/index.ts';
import { FUNCTIONS } from '../expressions/functions/index.ts';

/** Kestra's `PebbleFunction`: a name and its arguments (kestra-lite declares no default values). */
export interface PebbleFunctionJson { name: string; arguments: { name: string; defaultValue: string | null }[] }

export function filterNames(): string[] {
  return Object.keys(FILTERS).sort();
}

export function functionsJson(): PebbleFunctionJson[] {
  return Object.entries(FUNCTIONS)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, def]) => ({ name, arguments: (def.args ?? []).map((arg) => ({ name: arg, defaultValue: null })) }));
}
