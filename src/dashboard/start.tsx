// Mounts the dashboard on the terminal (alternate screen, like htop) and returns how to stop it.

/** @jsxRuntime classic */
/** @jsx React.createElement */

import { render } from 'ink';
import * as React from 'react';
import { App } from './app.tsx';
import type { DashboardDeps } from './deps.ts';

export { runtimeDeps } from './deps.ts';

export interface DashboardHandle { stop(): Promise<void> }

export interface DashboardIo {
  stdout?: NodeJS.WriteStream;
  stdin?: NodeJS.ReadStream;
  /** false: view only (no raw mode); default: when stdin is a terminal */
  keys?: boolean;
  /** called after each frame (benchmarks count them) */
  onRender?: () => void;
}

export function startDashboard(deps: DashboardDeps, io: DashboardIo = {}): DashboardHandle {
  const stdout = io.stdout ?? process.stdout;
  const stdin = io.stdin ?? process.stdin;
  const instance = render(<App deps={deps} keys={io.keys ?? !!stdin.isTTY} />, {
    stdout, stdin,
    // `serve` chose the dashboard because stdout is a terminal: draw even if CI is set
    interactive: true,
    // Ctrl+C arrives as a key in raw mode; the app routes it to the same shutdown as `q`
    exitOnCtrlC: false,
    alternateScreen: true,
    incrementalRendering: true,
    maxFps: 20,
    onRender: io.onRender,
  });
  let stopped: Promise<void> | undefined;
  return {
    stop() {
      stopped ??= (async () => {
        instance.unmount();
        await instance.waitUntilExit().catch(() => undefined);
      })();
      return stopped;
    },
  };
}
