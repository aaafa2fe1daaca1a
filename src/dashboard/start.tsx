// Mounts the dashboard on the terminal (alternate screen, like htop) and returns how to stop it.

import { render } from 'ink';
import { App } from './app.tsx';
import type { DashboardDeps } from './deps.ts';

export { runtimeDeps } from './deps.ts';

export interface DashboardHandle { stop(): Promise<void> }

export function startDashboard(deps: DashboardDeps, io: { stdout?: NodeJS.WriteStream; stdin?: NodeJS.ReadStream } = {}): DashboardHandle {
  const stdout = io.stdout ?? process.stdout;
  const stdin = io.stdin ?? process.stdin;
  const instance = render(<App deps={deps} keys={!!stdin.isTTY} />, {
    stdout, stdin,
    // Ctrl+C arrives as a key in raw mode; the app routes it to the same shutdown as `q`
    exitOnCtrlC: false,
    alternateScreen: true,
    incrementalRendering: true,
    maxFps: 20,
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
