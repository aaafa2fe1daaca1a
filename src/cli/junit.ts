// JUnit XML for CI (the de-facto Surefire/Ant schema every CI reads): one <testsuite> per suite,
// one <testcase> per test case; a failed assertion is a <failure>, a case that could not be
// evaluated an <error>, a disabled case <skipped/>. Suites that could not be loaded appear as an
// <error> too, so CI shows them.

export interface JUnitCase {
  name: string;
  classname: string;
  file?: string;
  timeMs: number;
  outcome: 'passed' | 'failure' | 'error' | 'skipped';
  /** one line per problem */
  message?: string;
  details?: string;
}

export interface JUnitSuite { name: string; file?: string; timestamp: string; cases: JUnitCase[] }

// XML 1.0 allows tab, LF, CR and the ranges below; anything else (other control chars, lone surrogates) is dropped
const INVALID_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function xmlEscape(text: string): string {
  return text.replace(INVALID_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

const seconds = (ms: number) => (ms / 1000).toFixed(3);
const attr = (name: string, value: string | number | undefined) => (value === undefined ? '' : ` ${name}="${xmlEscape(String(value))}"`);

function count(cases: JUnitCase[]) {
  return {
    tests: cases.length,
    failures: cases.filter((c) => c.outcome === 'failure').length,
    errors: cases.filter((c) => c.outcome === 'error').length,
    skipped: cases.filter((c) => c.outcome === 'skipped').length,
    time: cases.reduce((t, c) => t + c.timeMs, 0),
  };
}

function caseXml(c: JUnitCase): string {
  const open = `    <testcase${attr('name', c.name)}${attr('classname', c.classname)}${attr('file', c.file)}${attr('time', seconds(c.timeMs))}`;
  if (c.outcome === 'passed') return `${open}/>`;
  if (c.outcome === 'skipped') return `${open}>\n      <skipped/>\n    </testcase>`;
  const tag = c.outcome;
  const type = c.outcome === 'failure' ? 'AssertionFailure' : 'TestCaseError';
  return `${open}>\n      <${tag}${attr('message', c.message ?? '')}${attr('type', type)}>${xmlEscape(c.details ?? c.message ?? '')}</${tag}>\n    </testcase>`;
}

export function junitXml(suites: JUnitSuite[]): string {
  const all = count(suites.flatMap((s) => s.cases));
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${attr('name', 'kestra-lite')}${attr('tests', all.tests)}${attr('failures', all.failures)}${attr('errors', all.errors)}${attr('skipped', all.skipped)}${attr('time', seconds(all.time))}>`];
  for (const s of suites) {
    const n = count(s.cases);
    lines.push(`  <testsuite${attr('name', s.name)}${attr('tests', n.tests)}${attr('failures', n.failures)}${attr('errors', n.errors)}${attr('skipped', n.skipped)}${attr('time', seconds(n.time))}${attr('timestamp', s.timestamp)}${attr('file', s.file)}>`);
    for (const c of s.cases) lines.push(caseXml(c));
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>', '');
  return lines.join('\n');
}
