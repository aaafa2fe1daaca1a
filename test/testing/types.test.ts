// The harness's public types restate the admin API's documents (so that its declarations import
// nothing else); this file fails `tsc` when the two drift apart.
import { expect, test } from 'bun:test';
import type * as Admin from '../../src/admin/model.ts';
import type { StateDocument as ServerStateDocument } from '../../src/admin/state/document.ts';
import type * as Harness from '../../src/testing/types.ts';

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Fits<A, B> = [A] extends [B] ? true : false;

test('the harness types are the admin API documents', () => {
  const same: [
    Same<Harness.ClockView, Admin.ClockView>,
    Same<Harness.JournalEntry, Admin.JournalEntry>,
    Same<Harness.HttpFaultSpec, Admin.HttpFaultSpec>,
    Same<Harness.TaskFaultSpec, Admin.TaskFaultSpec>,
    Same<Harness.FaultView['kind'], Admin.FaultKind>,
    // what the server exports, the harness accepts back
    Fits<ServerStateDocument, Harness.StateDocument>,
  ] = [true, true, true, true, true, true];
  expect(same.every(Boolean)).toBe(true);
});
