// The newest-first search window (src/executions/newest-page.ts) gives exactly the general
// query's pages: random histories with start-date ties, filters that match many or few rows,
// pages inside and beyond the window.
import { describe, expect, test } from 'bun:test';
import fc from 'fast-check';
import { createExecutionStore } from '../../src/executions/store.ts';
import type { Execution } from '../../src/executions/model.ts';
import { openDb } from '../../src/shared/db.ts';

const NAMESPACES = ['a', 'a.b', 'b', 'rare'];

describe('newest-first search window', () => {
  test('pages equal a full sort of the matches, whatever the filter', () => {
    const db = openDb(false);
    const store = createExecutionStore(db, () => 0);
    const rows: { id: string; namespace: string; start: number }[] = [];
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    db.transaction(() => {
      for (let i = 0; i < 5000; i++) {
        const namespace = rnd() < 0.01 ? 'rare' : NAMESPACES[Math.floor(rnd() * 3)]!;
        const start = 1_000 + Math.floor(i / 3) + (rnd() < 0.1 ? -50 : 0); // ties and a little disorder
        const id = `e${String(i).padStart(5, '0')}`;
        rows.push({ id, namespace, start });
        store.save({ id, tenant: 'main', namespace, flowId: 'f', flowRevision: 1, taskRunList: [], labels: [], inputs: {}, state: { current: 'SUCCESS', histories: [{ state: 'CREATED', date: start }, { state: 'SUCCESS', date: start + 1 }], startDate: start, endDate: start + 1 } } as unknown as Execution);
      }
    })();
    fc.assert(fc.property(fc.constantFrom(undefined, ...NAMESPACES), fc.integer({ min: 1, max: 100 }), fc.integer({ min: 0, max: 40 }), (ns, size, page) => {
      const expected = rows.filter((r) => !ns || r.namespace === ns || r.namespace.startsWith(`${ns}.`))
        .sort((x, y) => y.start - x.start || (x.id < y.id ? -1 : 1)).slice(page * size, page * size + size).map((r) => r.id);
      const got = store.search('main', ns ? { namespace: ns } : {}, [], size, page * size);
      expect(got.results.map((e) => e.id)).toEqual(expected);
    }), { seed: 11, numRuns: 150 });
    db.close();
  });
});
