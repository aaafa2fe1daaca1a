import { describe, expect, test } from 'bun:test';
import type { FixtureQuery } from '../../src/tasks/fixtures.ts';
import { startFixtures, tempDir } from './fixtures-helpers.ts';

const SCRIPT = 'io.kestra.plugin.scripts.python.Script';
const q = (over: Partial<FixtureQuery> = {}): FixtureQuery => ({ namespace: 'company.team', flowId: 'daily', taskId: 'extract', type: SCRIPT, ...over });
const tag = (fixtures: Awaited<ReturnType<typeof startFixtures>>, query: FixtureQuery) => fixtures.match(query)?.entry.outputs?.tag;

describe('fixture matching precedence', () => {
  test('flow + id + value > flow + id > namespace + id > id + value > id > type', async () => {
    const dir = tempDir({
      'global.yml': `tasks:
  - {type: ${SCRIPT}, outputs: {tag: type}}
  - {id: extract, outputs: {tag: id}}
  - {id: extract, value: v1, outputs: {tag: id+value}}
`,
      'ns/team.yaml': `namespace: company.team
tasks:
  - {id: extract, outputs: {tag: ns+id}}
  - {type: ${SCRIPT}, outputs: {tag: ns+type}}
`,
      'flows/daily.yml': `namespace: company.team
flowId: daily
tasks:
  - {id: extract, value: v2, outputs: {tag: flow+id+value}}
  - {id: extract, outputs: {tag: flow+id}}
  - {type: ${SCRIPT}, outputs: {tag: flow+type}}
`,
    });
    const f = await startFixtures(dir);
    expect(tag(f, q({ value: 'v2' }))).toBe('flow+id+value');
    expect(tag(f, q({ value: 'v1' }))).toBe('flow+id');
    expect(tag(f, q())).toBe('flow+id');
    expect(tag(f, q({ flowId: 'other' }))).toBe('ns+id');
    expect(tag(f, q({ flowId: 'other', namespace: 'else', value: 'v1' }))).toBe('id+value');
    expect(tag(f, q({ flowId: 'other', namespace: 'else' }))).toBe('id');
    expect(tag(f, q({ taskId: 'load' }))).toBe('flow+type');
    expect(tag(f, q({ taskId: 'load', flowId: 'other' }))).toBe('ns+type');
    expect(tag(f, q({ taskId: 'load', flowId: 'other', namespace: 'else' }))).toBe('type');
    expect(f.match(q({ taskId: 'load', flowId: 'other', namespace: 'else', type: 'io.kestra.plugin.x.Y' }))).toBeUndefined();
  });

  test('every stated condition must hold; id + type beats id alone; ties go to the first file', async () => {
    const dir = tempDir({
      'a.yml': `tasks:
  - {id: extract, type: io.kestra.plugin.other.Task, outputs: {tag: wrong-type}}
  - {id: extract, outputs: {tag: a}}
`,
      'b.yml': `tasks:
  - {id: extract, outputs: {tag: b}}
  - {id: extract, type: ${SCRIPT}, outputs: {tag: id+type}}
`,
      'c.yml': `flowId: daily
namespace: another.ns
tasks: [{id: extract, outputs: {tag: other-namespace}}]
`,
    });
    const f = await startFixtures(dir);
    expect(tag(f, q())).toBe('id+type');
    expect(tag(f, q({ type: 'io.kestra.plugin.x.Y' }))).toBe('a');
    expect(f.match(q())?.file).toEndWith('b.yml');
  });

  test('flowId without namespace matches that flow id in any namespace', async () => {
    const f = await startFixtures(tempDir({ 'f.yml': 'flowId: daily\ntasks: [{id: extract, outputs: {tag: f}}]\n' }));
    expect(tag(f, q({ namespace: 'any.where' }))).toBe('f');
    expect(f.match(q({ flowId: 'nightly' }))).toBeUndefined();
  });

  test('no directory: no fixtures', async () => {
    const f = await startFixtures(undefined);
    expect(f.match(q())).toBeUndefined();
    expect(f.errors()).toEqual([]);
    expect(f.files()).toEqual([]);
  });
});
