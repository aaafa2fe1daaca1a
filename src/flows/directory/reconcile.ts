// Reconciles one path of the flows directory with the flow store. It never trusts the watcher's
// event kind (add/change/unlink): it looks at what is on disk *now*. That is what makes editor
// rename-saves safe (unlink + add collapse into "the file exists, with new content") and what
// guarantees a half-typed save never removes or unschedules a working flow.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { EventBus, EventMap } from '../../shared/events.ts';
import type { FlowService } from '../service.ts';
import type { Violation } from '../model.ts';
import { errorText, inspectFile, type Inspection } from './io.ts';
import { listFlowFiles } from './paths.ts';
import { flowKeyText, sameFlow, type FlowFileMap, type FlowKey } from './store.ts';

export type SyncResult = EventMap['flow.file-synced']['result'];

export interface ReconcilerDeps {
  dir: string; tenant: string; flows: FlowService; events: EventBus; files: FlowFileMap; maxFileBytes: number;
  /** other kinds of YAML documents living among the flows (test suites), filled in by later features */
  claimers?: DocumentClaimer[];
}

/** Takes YAML documents of the flows directory that are not flows (a test suite: `flowId` + `testCases`). */
export interface DocumentClaimer {
  /** true when `source` is such a document: the claimer keeps it and it is no flow */
  claim(rel: string, source: string): boolean;
  /** `rel` is gone, or holds something else now */
  release(rel: string): void;
}

export type Reconciler = ReturnType<typeof createReconciler>;

export function createReconciler(deps: ReconcilerDeps) {
  const { dir, tenant, flows, events, files } = deps;
  // flow -> the file whose content is the flow's current revision (when several files define it)
  const owners = new Map<string, string>();
  // files that are not loaded right now (invalid or unreadable), with what is wrong
  const problems = new Map<string, Violation[]>();
  let deletions = 0;

  const inspect = (rel: string): Inspection => {
    const claimers = deps.claimers ?? [];
    let claimed = false;
    const found = inspectFile(join(dir, rel), (source) => {
      if (claimers.some((c) => c.claim(rel, source))) { claimed = true; return { ok: false, violations: [] }; }
      return flows.parseFlow(source);
    }, deps.maxFileBytes);
    // a claimed document is no flow: for the flows it is as if the file were absent
    if (claimed) return { kind: 'missing' };
    for (const c of claimers) c.release(rel);
    return found;
  };
  const keyOf = (k: FlowKey): FlowKey => ({ namespace: k.namespace, id: k.id });
  const label = (k: FlowKey) => `${k.namespace}.${k.id}`;

  const duplicate = (rel: string, key: FlowKey, used: string, other: string) =>
    events.emit('flow.file-error', {
      file: rel,
      message: `flow ${label(key)} is defined in both ${other} and ${used}; using ${used} (most recent write)`,
    });

  // A renamed file shows up under its new name before chokidar reports the old name gone
  // (unlinks are held back ~100 ms); a file that no longer exists is not a duplicate.
  const definesStill = (rel: string, key: FlowKey) => {
    const k = files.definitionOf(rel);
    return k !== undefined && sameFlow(k, key) && existsSync(join(dir, rel));
  };

  /**
   * `rel` no longer defines `key`. Hand the flow to another file that still defines it, or
   * delete it. A sibling that is mid-edit (invalid) keeps the flow alive: never delete on doubt.
   */
  function release(key: FlowKey, rel: string): void {
    const k = flowKeyText(key);
    const owner = owners.get(k);
    if (owner !== undefined && owner !== rel) return;
    owners.delete(k);
    for (const other of files.pathsOf(key)) {
      if (other === rel) continue;
      const found = inspect(other);
      if (found.kind === 'valid' && sameFlow(found.flow, key)) {
        flows.save(tenant, found.flow, 'file');
        owners.set(k, other);
        problems.delete(other);
        return;
      }
      if (found.kind === 'invalid' || found.kind === 'error') {
        owners.set(k, other);
        return;
      }
      // missing, or now defines another flow: that file's own reconcile deals with it
    }
    if (flows.getCurrent(tenant, key.namespace, key.id)) {
      flows.remove(tenant, key.namespace, key.id, 'file');
      deletions++;
    }
  }

  /** Applies a verdict for `rel`. `winner: false` records a losing duplicate without saving it. */
  function apply(rel: string, found: Inspection, winner = true): SyncResult {
    const previous = files.definitionOf(rel);
    switch (found.kind) {
      case 'missing': {
        problems.delete(rel);
        if (!previous) return 'missing';
        files.delete(rel);
        const before = deletions;
        release(previous, rel);
        return deletions > before ? 'deleted' : 'missing';
      }
      case 'error':
        problems.set(rel, [{ path: '', message: found.message }]);
        events.emit('flow.file-error', { file: rel, message: found.message });
        return 'error';
      case 'invalid':
        problems.set(rel, found.violations);
        events.emit('flow.invalid', { tenant, file: rel, violations: found.violations, ...(previous ? keyOf(previous) : {}) });
        return 'invalid';
      case 'valid': {
        problems.delete(rel);
        const key = keyOf(found.flow);
        const k = flowKeyText(key);
        const owner = owners.get(k);
        let changed = false;
        if (winner) {
          if (owner !== undefined && owner !== rel && definesStill(owner, key)) duplicate(rel, key, rel, owner);
          changed = flows.save(tenant, found.flow, 'file').changed;
          owners.set(k, rel);
        }
        files.set(rel, key);
        if (previous && !sameFlow(previous, key)) release(previous, rel);
        return changed ? 'saved' : 'unchanged';
      }
    }
  }

  /** Reconciles one path now and reports the outcome (`flow.file-synced`). Never throws. */
  function reconcile(rel: string): SyncResult {
    let result: SyncResult;
    try {
      result = apply(rel, inspect(rel));
    } catch (err) {
      events.emit('flow.file-error', { file: rel, message: errorText(err) });
      result = 'error';
    }
    events.emit('flow.file-synced', { tenant, file: rel, result });
    return result;
  }

  /**
   * The start-up scan. Files are applied oldest first; when several define the same flow only the
   * most recently written one is saved (one revision, not one per duplicate). Then every mapped
   * file that vanished while the server was stopped releases its flow.
   */
  function scan(): { loaded: number; invalid: number; deleted: number } {
    const before = deletions;
    const found = listFlowFiles(dir, (file, message) => events.emit('flow.file-error', { file, message }));
    found.sort((a, b) => a.mtimeMs - b.mtimeMs || a.rel.localeCompare(b.rel));
    const verdicts = found.map((f) => ({ rel: f.rel, found: inspect(f.rel) }));
    const winners = new Map<string, string>();
    for (const v of verdicts) if (v.found.kind === 'valid') winners.set(flowKeyText(v.found.flow), v.rel);
    let loaded = 0;
    let invalid = 0;
    for (const { rel, found: verdict } of verdicts) {
      let result: SyncResult;
      try {
        const winner = verdict.kind !== 'valid' || winners.get(flowKeyText(verdict.flow)) === rel;
        if (!winner && verdict.kind === 'valid') duplicate(rel, verdict.flow, winners.get(flowKeyText(verdict.flow))!, rel);
        result = apply(rel, verdict, winner);
      } catch (err) {
        events.emit('flow.file-error', { file: rel, message: errorText(err) });
        result = 'error';
      }
      if (result === 'saved' || result === 'unchanged') loaded++;
      if (result === 'invalid' || result === 'error') invalid++;
    }
    const present = new Set(found.map((f) => f.rel));
    for (const rel of files.paths()) {
      if (present.has(rel)) continue;
      try { apply(rel, { kind: 'missing' }); } catch (err) { events.emit('flow.file-error', { file: rel, message: errorText(err) }); }
    }
    // A flow kept alive only by a file that is invalid right now still lives in that file: API
    // updates must go there, and deleting that file must delete the flow.
    for (const rel of files.paths()) {
      const key = files.definitionOf(rel);
      if (key && !owners.has(flowKeyText(key))) owners.set(flowKeyText(key), rel);
    }
    return { loaded, invalid, deleted: deletions - before };
  }

  return {
    reconcile,
    scan,
    fileOf: (key: FlowKey) => owners.get(flowKeyText(key)),
    pathsOf: (key: FlowKey) => files.pathsOf(key),
    /** The API is about to write `key` into `rel`: from now on that file is the flow's home. */
    claim(rel: string, key: FlowKey) {
      const previous = files.definitionOf(rel);
      files.set(rel, key);
      owners.set(flowKeyText(key), rel);
      problems.delete(rel);
      if (previous && !sameFlow(previous, key)) release(previous, rel);
    },
    /** The API deleted the flow and is removing `rel`: forget it so the unlink is a no-op. */
    forget(rel: string) {
      const previous = files.definitionOf(rel);
      files.delete(rel);
      problems.delete(rel);
      if (previous && owners.get(flowKeyText(previous)) === rel) owners.delete(flowKeyText(previous));
    },
    isMapped: (rel: string) => files.definitionOf(rel) !== undefined,
    /** mapped paths below a folder ('' = the whole directory, e.g. when it was removed) */
    mappedUnder: (relDir: string) => files.paths().filter((p) => relDir === '' || p.startsWith(`${relDir}/`)),
    invalidFiles: () => [...problems].map(([file, violations]) => ({ file, violations })),
  };
}
