// The flows service parses two ways: `parseFlow` hands violations back as data (the flows
// directory keeps them), `parseYaml` throws the 422 the HTTP edge renders. Both must agree.
import { describe, expect, test } from 'bun:test';
import { createFlowService } from '../../src/flows/service.ts';
import { createFlowStore } from '../../src/flows/store.ts';
import { fakeClock } from '../../src/shared/time/clock.ts';
import { openDb } from '../../src/shared/db.ts';
import { ApiError } from '../../src/shared/errors.ts';
import { createEventBus } from '../../src/shared/events.ts';

const service = () => createFlowService({ store: createFlowStore(openDb(false)), events: createEventBus(), clock: fakeClock() });
const LOG = 'tasks:\n  - id: l\n    type: io.kestra.plugin.core.log.Log\n    message: x\n';

describe('parseFlow (no throw) and parseYaml (422)', () => {
  test('a valid flow: the document without the server-managed keys, disabled kept apart', () => {
    const parsed = service().parseFlow(`id: a\nnamespace: t\nrevision: 4\ndisabled: true\n${LOG}`);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.flow).toMatchObject({ namespace: 't', id: 'a', disabled: true });
    expect(Object.keys(parsed.flow.flow)).not.toContain('revision');
    expect(Object.keys(parsed.flow.flow)).not.toContain('disabled');
    expect(Object.keys(parsed.flow.flow)).not.toContain('deleted');
  });

  for (const [what, source] of [['broken YAML', 'id: [a'], ['a constraint', `id: a\nnamespace: Not-Lower\n${LOG}`], ['no tasks', 'id: a\nnamespace: t\n']] as const) {
    test(`${what}: violations as data, and the same violations in the thrown 422`, () => {
      const flows = service();
      const parsed = flows.parseFlow(source);
      expect(parsed.ok).toBe(false);
      if (parsed.ok) return;
      expect(parsed.violations.length).toBeGreaterThan(0);
      let thrown: unknown;
      try { flows.parseYaml(source); } catch (err) { thrown = err; }
      expect(thrown).toBeInstanceOf(ApiError);
      expect((thrown as ApiError).status).toBe(422);
      expect((thrown as ApiError).items).toEqual(parsed.violations);
    });
  }
});
