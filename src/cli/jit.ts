// The compiled binary starts with JavaScriptCore's tier-up thresholds scaled up (scripts/build.ts,
// `--compile-jit-policy`): start-up code runs once, so compiling it is wasted time and memory.
// Once a command is interactive (the server listens, a run starts), the normal policy returns so
// the engine's and the router's hot paths are compiled as usual. From source it changes nothing.

export function interactive(): void {
  Bun.unsafe.setJITPolicy(1);
}
