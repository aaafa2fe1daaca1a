// `kestra-lite schedule FILE.yml`: the dry run of a flow's schedules.
import { describe, expect, test } from 'bun:test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listSchedule } from '../../src/cli/schedule.ts';

const ROOT = join(import.meta.dir, '..', '..');

describe('kestra-lite schedule', () => {
  test('lists the next fire times of each schedule in its zone', () => {
    const lines: string[] = [];
    const code = listSchedule({ file: join(ROOT, 'flows/company/team/daily-report.yml'), from: '2025-03-28T00:00:00Z', count: '3', now: 0 }, (l) => lines.push(l));
    expect(code).toBe(0);
    expect(lines).toEqual([
      'every-morning (cron "0 7 * * MON-FRI", Europe/Paris):',
      '  2025-03-28T07:00:00+01:00',
      '  2025-03-31T07:00:00+02:00',
      '  2025-04-01T07:00:00+02:00',
    ]);
  });

  test('ScheduleOnDates, no schedule, bad options and an invalid flow', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kl-sched-cli-'));
    try {
      writeFileSync(join(dir, 'dates.yml'), 'id: d\nnamespace: t\ntriggers:\n  - id: on\n    type: io.kestra.plugin.core.trigger.ScheduleOnDates\n    dates: ["2030-01-01T10:00:00Z", "2031-01-01T10:00:00Z"]\ntasks:\n  - id: l\n    type: io.kestra.plugin.core.log.Log\n    message: x\n');
      writeFileSync(join(dir, 'none.yml'), 'id: n\nnamespace: t\ntasks:\n  - id: l\n    type: io.kestra.plugin.core.log.Log\n    message: x\n');
      writeFileSync(join(dir, 'bad.yml'), 'id: b\nnamespace: t\ntriggers:\n  - id: s\n    type: io.kestra.plugin.core.trigger.Schedule\n    cron: "nope"\ntasks:\n  - id: l\n    type: io.kestra.plugin.core.log.Log\n    message: x\n');
      const out: string[] = [];
      expect(listSchedule({ file: join(dir, 'dates.yml'), count: '5', now: Date.UTC(2029, 0, 1) }, (l) => out.push(l))).toBe(0);
      expect(out.slice(1)).toEqual(['  2030-01-01T10:00:00Z', '  2031-01-01T10:00:00Z']);
      expect(listSchedule({ file: join(dir, 'none.yml'), now: 0 }, () => {})).toBe(1);
      const bad: string[] = [];
      expect(listSchedule({ file: join(dir, 'bad.yml'), now: 0 }, (l) => bad.push(l))).toBe(2);
      expect(bad[0]).toContain('invalid cron expression');
      expect(listSchedule({ file: join(dir, 'dates.yml'), from: 'tomorrow', now: 0 }, () => {})).toBe(2);
      expect(listSchedule({ file: join(dir, 'dates.yml'), count: '0', now: 0 }, () => {})).toBe(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('ScheduleOnDates dates expressions are rendered as the server does (flow, envs, now, secret, JSON lists)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kl-sched-cli-'));
    const flow = (dates: string) => `id: d\nnamespace: t\ntriggers:\n  - id: on\n    type: io.kestra.plugin.core.trigger.ScheduleOnDates\n    dates: ${dates}\ntasks:\n  - id: l\n    type: io.kestra.plugin.core.log.Log\n    message: x\n`;
    try {
      writeFileSync(join(dir, 'items.yml'), flow(`["{{ now() | dateAdd(1, 'DAYS', format='iso_sec') }}", "2030-01-0{{ flow.id == 'd' ? '2' : '9' }}T00:00:00Z", "{{ envs.first_day }}T00:00:00Z", "2030-01-04T{{ secret('HOUR') }}:00:00Z"]`));
      writeFileSync(join(dir, 'list.yml'), flow(`"{{ '[\\"2030-02-01T00:00:00Z\\", \\"2030-03-01T00:00:00Z\\"]' }}"`));
      writeFileSync(join(dir, 'broken.yml'), flow('["{{ nope.missing }}"]'));
      const env = { KESTRA_FIRST_DAY: '2030-01-03', SECRET_HOUR: btoa('06') };
      const out: string[] = [];
      expect(listSchedule({ file: join(dir, 'items.yml'), count: '10', now: Date.UTC(2029, 11, 31), env }, (l) => out.push(l))).toBe(0);
      expect(out.slice(1)).toEqual(['  2030-01-01T00:00:00Z', '  2030-01-02T00:00:00Z', '  2030-01-03T00:00:00Z', '  2030-01-04T06:00:00Z']);
      const listed: string[] = [];
      expect(listSchedule({ file: join(dir, 'list.yml'), now: Date.UTC(2029, 0, 1) }, (l) => listed.push(l))).toBe(0);
      expect(listed.slice(1)).toEqual(['  2030-02-01T00:00:00Z', '  2030-03-01T00:00:00Z']);
      const broken: string[] = [];
      expect(listSchedule({ file: join(dir, 'broken.yml'), now: 0 }, (l) => broken.push(l))).toBe(2);
      expect(broken[0]).toContain('on: cannot render dates: ');
      expect(broken[0]).toContain('Unable to find `nope`');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the command runs as a process', () => {
    const r = Bun.spawnSync([process.execPath, 'src/cli.ts', 'schedule', 'flows/company/team/daily-report.yml', '--from', '2025-01-06T00:00:00Z', '--count', '2'], { cwd: ROOT });
    expect(r.exitCode).toBe(0);
    expect(r.stdout.toString()).toContain('2025-01-06T07:00:00+01:00');
  });
});
