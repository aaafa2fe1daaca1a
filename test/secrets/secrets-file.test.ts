import { describe, expect, test } from 'bun:test';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from '../../src/cli/args.ts';
import { createRuntime } from '../../src/runtime.ts';
import { parseSecretsFile, readSecretsFile, SecretsFileError } from '../../src/secrets/secrets-file.ts';
import { createSecretService } from '../../src/secrets/service.ts';

const b64 = (s: string) => Buffer.from(s).toString('base64');

describe('secrets file format', () => {
  test('NAME=value lines, comments, blanks, quotes, CRLF, case-insensitive names', () => {
    const text = '\uFEFF# comment\n\nDB_PASSWORD=p@ss=word\r\n  # indented comment\napi_token="with spaces "\nEMPTY=\nSINGLE=\'q\'\nKEEP="unbalanced\n';
    expect([...parseSecretsFile(text, 'f')]).toEqual([
      ['DB_PASSWORD', 'p@ss=word'], ['API_TOKEN', 'with spaces '], ['EMPTY', ''], ['SINGLE', 'q'], ['KEEP', '"unbalanced'],
    ]);
  });

  test('errors name the file and line, never the value', () => {
    const error = (text: string) => { try { parseSecretsFile(text, 'secrets file s.env'); } catch (e) { return (e as Error).message; } return ''; };
    expect(error('OK=1\nthis-is-my-password')).toBe('secrets file s.env line 2: expected NAME=value');
    expect(error('1BAD=x')).toBe("secrets file s.env line 1: invalid secret name '1BAD' (letters, digits and _, not starting with a digit)");
    expect(error('MY-KEY=x')).toContain("invalid secret name 'MY-KEY'");
    expect(error('=x')).toContain("invalid secret name ''");
    expect(error('A=1\na=2')).toBe('secrets file s.env line 2: secret A is already defined on line 1');
    expect(error('A=hunter2\nB hunter2')).not.toContain('hunter2');
  });

  test('missing file and directory are clear errors', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kl-secrets-'));
    expect(() => readSecretsFile(join(dir, 'nope.env'))).toThrow(`cannot read secrets file ${join(dir, 'nope.env')}: no such file`);
    mkdirSync(join(dir, 'sub'));
    expect(() => readSecretsFile(join(dir, 'sub'))).toThrow(SecretsFileError);
  });

  test('--secrets-file is a serve and run option', () => {
    expect(parseArgs(['serve', '--secrets-file', 's.env']).serve.secretsFile).toBe('s.env');
    expect(parseArgs(['run', 'f.yml', '--secrets-file=x.env']).serve.secretsFile).toBe('x.env');
    expect(() => parseArgs(['serve', '--secrets-file'])).toThrow('--secrets-file needs a value');
  });

  test('a bad secrets file stops start-up with its message; a good one is read relative to cwd', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kl-secrets-'));
    writeFileSync(join(dir, 'bad.env'), 'GOOD=1\nnot a pair\n');
    await expect(createRuntime({ memory: true, flowsDir: null, cwd: dir, secretsFile: 'bad.env' })).rejects.toThrow(`secrets file ${join(dir, 'bad.env')} line 2: expected NAME=value`);
    writeFileSync(join(dir, 'good.env'), 'FROM_FILE=yes\n');
    const rt = await createRuntime({ memory: true, flowsDir: null, cwd: dir, secretsFile: 'good.env' });
    try {
      expect(rt.config.secretsFile).toBe(join(dir, 'good.env'));
      expect(rt.services.secrets.secrets.get('from_file')).toBe('yes');
    } finally {
      await rt.dispose();
    }
  });
});

describe('secret service', () => {
  test('SECRET_* variables are base64; names upper-cased; the file wins; invalid base64 is skipped', () => {
    const s = createSecretService({
      env: { SECRET_API_KEY: b64('k1'), SECRET_lower: b64('low'), SECRET_MULTI: `${b64('line').slice(0, 4)}\n${b64('line').slice(4)}`, SECRET_BAD: 'not base64!', SECRET_: 'eA==', OTHER: b64('x'), SECRET_BOTH: b64('env') },
      file: new Map([['BOTH', 'file'], ['ONLY_FILE', 'f']]),
    });
    expect(s.keys()).toEqual(['API_KEY', 'BOTH', 'LOWER', 'MULTI', 'ONLY_FILE']);
    expect(s.get('api_key')).toBe('k1');
    expect(s.get('LOWER')).toBe('low');
    expect(s.get('MULTI')).toBe('line');
    expect(s.get('BOTH')).toBe('file');
    expect(s.get('BAD')).toBeUndefined();
    expect(s.invalidVariables()).toEqual(['SECRET_BAD']);
  });

  test('mask hides values that were read, longest first, like Kestra', () => {
    const s = createSecretService({ env: {}, file: new Map([['LONG', 'supersecretvalue'], ['SHORT', 'abc'], ['UNUSED', 'visible']]) });
    expect(s.mask('supersecretvalue abc visible')).toBe('supersecretvalue abc visible');
    s.get('LONG');
    s.get('short');
    expect(s.mask('x supersecretvalue y supersecretvalue abc visible')).toBe('x **masked******** y **masked******** *** visible');
  });
});
