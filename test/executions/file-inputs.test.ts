// FILE inputs over HTTP: current Kestra takes the input id from the multipart part name; the
// legacy part named `files` (whose file name is the input id) still works.
import { describe, expect, test } from 'bun:test';
import { testRuntime, YAML } from '../helpers/runtime.ts';

const FLOW = `id: upload\nnamespace: t\ninputs:\n  - id: myfile\n    type: FILE\n  - id: other\n    type: FILE\n    required: false\ntasks:\n  - id: read\n    type: io.kestra.plugin.core.log.Log\n    message: "{{ read(inputs.myfile) }}"\n`;

describe.each(['/api/v1', '/api/v1/main', '/api/v1/t2'])('FILE inputs under %s', (base) => {
  async function setup() {
    const c = await testRuntime();
    expect((await c.json('POST', `${base}/flows`, { body: FLOW, type: YAML })).status).toBe(200);
    return c;
  }
  const tenant = base.endsWith('t2') ? 't2' : 'main';

  test('a part named after the input fills it, whatever the file name', async () => {
    const c = await setup();
    const form = new FormData();
    form.append('myfile', new File(['a,b\n1,2\n'], 'data.csv'));
    const r = await c.json('POST', `${base}/executions/t/upload?wait=true`, { body: form });
    expect(r.status).toBe(200);
    expect(r.body.state.current).toBe('SUCCESS');
    expect(r.body.inputs.myfile).toMatch(/^kestra:\/\/\/t\/upload\/executions\/.+\/inputs\/myfile\/myfile_\d+\.upl$/);
    expect(r.body.inputs.other).toBeNull();
    const logs = c.rt.services.logs.logs.find(tenant, { executionId: r.body.id }).results.map((l) => l.message);
    expect(logs).toContain('a,b\n1,2\n');
  });

  test('the legacy `files` part fills the input named by its file name', async () => {
    const c = await setup();
    const form = new FormData();
    form.append('files', new File(['legacy'], 'myfile'));
    form.append('other', new File(['second'], 'ignored-name.txt'));
    const r = await c.json('POST', `${base}/executions/t/upload?wait=true`, { body: form });
    expect(r.status).toBe(200);
    expect(r.body.inputs.myfile).toContain('/inputs/myfile/');
    expect(r.body.inputs.other).toContain('/inputs/other/');
    const logs = c.rt.services.logs.logs.find(tenant, { executionId: r.body.id }).results.map((l) => l.message);
    expect(logs).toContain('legacy');
  });

  test('a file part under a wrong name leaves the required input missing: 422, nothing created', async () => {
    const c = await setup();
    const form = new FormData();
    form.append('data.csv', new File(['x'], 'myfile'));
    const r = await c.json('POST', `${base}/executions/t/upload`, { body: form });
    expect(r.status).toBe(422);
    expect(r.body.message).toContain('Invalid input for `myfile`, missing required input');
    expect((await c.json('GET', `${base}/executions/search`)).body.total).toBe(0);
  });
});
