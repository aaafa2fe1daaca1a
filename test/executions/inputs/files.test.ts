import { describe, expect, test } from 'bun:test';
import { providedFromForm, resolveInputs, validateInputs } from '../../../src/executions/inputs/inputs.ts';
import { crc32 } from '../../../src/shared/zip/crc32.ts';
import { ApiError } from '../../../src/shared/errors.ts';
import { failure, input, makeCtx } from './fixtures.ts';

const CONTENT = 'id,name\n1,Ada\n';
const PREFIX = 'kestra:///io/kestra/tests/inputs/executions/exec1/inputs';
const text = (data: Uint8Array | undefined) => (data ? new TextDecoder().decode(data) : undefined);
const crc = (s: string) => crc32(new TextEncoder().encode(s));

describe('providedFromForm', () => {
  test('text parts by name, file parts by filename', async () => {
    const form = new FormData();
    form.append('string', 'myString');
    form.append('empty', '');
    form.append('files', new File([CONTENT], 'file'));
    const provided = await providedFromForm(form);
    expect([...provided.keys()].sort()).toEqual(['empty', 'file', 'string']);
    expect(provided.get('string')).toBe('myString');
    expect(provided.get('empty')).toBe('');
    expect(provided.get('file')).toBeInstanceOf(File);
  });
  test('a file part fills the input named by its part name, whatever its file name', async () => {
    const form = new FormData();
    form.append('myfile', new File([CONTENT], 'data.csv'));
    const provided = await providedFromForm(form);
    expect([...provided.keys()]).toEqual(['myfile']);
    const out = await resolveInputs([input('myfile', 'FILE')], provided, makeCtx());
    expect(out.myfile).toBe(`${PREFIX}/myfile/myfile_${crc(CONTENT)}.upl`);
  });
  test('the legacy part named `files` still fills the input named by its file name, next to named parts', async () => {
    const form = new FormData();
    form.append('files', new File(['legacy'], 'old'));
    form.append('fresh', new File(['new'], 'whatever.txt'));
    const provided = await providedFromForm(form);
    expect([...provided.keys()].sort()).toEqual(['fresh', 'old']);
    const out = await resolveInputs([input('old', 'FILE'), input('fresh', 'FILE')], provided, makeCtx());
    expect(out).toEqual({ old: `${PREFIX}/old/old_${crc('legacy')}.upl`, fresh: `${PREFIX}/fresh/fresh_${crc('new')}.upl` });
  });
  test('survives a real multipart round trip', async () => {
    const body = new FormData();
    body.append('int', '42');
    body.append('files', new File([CONTENT], 'file', { type: 'text/csv' }));
    const parsed = (await new Request('http://x/', { method: 'POST', body }).formData()) as unknown as FormData;
    const provided = await providedFromForm(parsed);
    const out = await resolveInputs([input('int', 'INT'), input('file', 'FILE')], provided, makeCtx());
    expect(out.int).toBe(42);
    expect(out.file).toBe(`${PREFIX}/file/file_${crc(CONTENT)}.upl`);
  });
});

describe('FILE uploads', () => {
  test('stored in the blob store under the tenant, value is the kestra URI', async () => {
    const ctx = makeCtx({ tenant: 'acme' });
    const out = await resolveInputs([input('file', 'FILE')], { file: new File([CONTENT], 'file') }, ctx);
    const name = `file_${crc(CONTENT)}.upl`;
    expect(out.file).toBe(`${PREFIX}/file/${name}`);
    expect(text(ctx.blobs.get(`acme/io/kestra/tests/inputs/executions/exec1/inputs/file/${name}`))).toBe(CONTENT);
  });
  test('the declared extension is used, with a dot added', async () => {
    const out = await resolveInputs([input('data', 'FILE', { extension: 'csv' })], { data: new File([CONTENT], 'data') }, makeCtx());
    expect(out.data).toBe(`${PREFIX}/data/data_${crc(CONTENT)}.csv`);
  });
  test('the flow id is slugified in the path', async () => {
    const ctx = makeCtx({ flowId: 'My_Flow' });
    const out = await resolveInputs([input('f', 'FILE')], { f: new File(['x'], 'f') }, ctx);
    expect(out.f).toStartWith('kestra:///io/kestra/tests/my-flow/executions/exec1/inputs/f/f_');
  });
  test('an existing kestra:// URI is kept', async () => {
    const uri = 'kestra:///io/kestra/tests/other/file.txt';
    expect(await resolveInputs([input('file', 'FILE')], { file: uri }, makeCtx())).toEqual({ file: uri });
  });
  test('another string is not a file', async () => {
    const e = await failure([input('file', 'FILE')], { file: '/etc/passwd' });
    expect(e.items?.[0]?.message).toBe(
      'Invalid input for `file`, java.lang.Exception: Expected `FILE` but received `/etc/passwd` with errors:\n```\n'
      + '/etc/passwd (No such file or directory)\n```, but received `/etc/passwd`',
    );
  });
  test('a 0-byte upload is a bad request (Kestra says 500; input alone never gets a 5xx here)', async () => {
    const ctx = makeCtx();
    let error: unknown;
    try {
      await resolveInputs([input('file', 'FILE')], { file: new File([], 'file') }, ctx);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(400);
    expect((error as ApiError).message).toBe("Bad Request: Can't upload file: file");
    expect(ctx.blobs.list('')).toEqual([]);
  });
  test('uploads for undeclared inputs are ignored and not stored', async () => {
    const ctx = makeCtx();
    expect(await resolveInputs([input('a', 'STRING')], { a: 'x', stray: new File(['x'], 'stray') }, ctx)).toEqual({ a: 'x' });
    expect(ctx.blobs.list('')).toEqual([]);
  });
  test('a FILE in a nested id', async () => {
    const out = await resolveInputs([input('docs.report', 'FILE')], { 'docs.report': new File(['r'], 'docs.report') }, makeCtx());
    expect((out.docs as Record<string, unknown>).report).toStartWith(`${PREFIX}/docs.report/docs.report_`);
  });
});

describe('validateInputs', () => {
  const declared = [
    input('string', 'STRING'),
    input('int', 'INT', { min: 10 }),
    input('opt', 'STRING', { required: false, defaults: 'dflt' }),
    input('gated', 'STRING', { dependsOn: { inputs: ['string'], condition: "{{ inputs.string == 'open' }}" } }),
    input('file', 'FILE', { required: false }),
  ];
  test('every input with value, enabled, isDefault and errors; nothing thrown', async () => {
    const ctx = makeCtx();
    const result = await validateInputs(declared, { int: '5', gated: 'g', file: new File(['x'], 'file') }, ctx);
    expect(result.map((r) => r.input.id)).toEqual(['string', 'int', 'opt', 'gated', 'file']);
    expect(result[0]).toMatchObject({ value: null, enabled: true, isDefault: false, errors: [{ message: 'Invalid input for `string`, missing required input, but received `null`' }] });
    expect(result[1]).toMatchObject({ value: '5', enabled: true, errors: [{ message: 'Invalid input for `int`, it must be more than `10`, but received `5`' }] });
    expect(result[2]).toMatchObject({ value: 'dflt', enabled: true, isDefault: true, errors: [] });
    expect(result[3]).toMatchObject({ value: 'g', enabled: false, errors: [] });
    expect(result[4]!.value).toStartWith(`${PREFIX}/file/file_`);
    // validation stores nothing
    expect(ctx.blobs.list('')).toEqual([]);
  });
  test('typed values when valid', async () => {
    const result = await validateInputs(declared, { string: 'open', int: '12', gated: 'g' }, makeCtx());
    expect(result.map((r) => r.value)).toEqual(['open', 12, 'dflt', 'g', null]);
    expect(result.every((r) => r.errors.length === 0)).toBe(true);
  });
  test('no declared inputs', async () => {
    expect(await validateInputs(undefined, { a: '1' }, makeCtx())).toEqual([]);
  });
});
