// Loads the dashboard lazily (plain mode never pays for React and Ink) and in React's
// production build: the development build checks every render and costs the engine
// about a third of its throughput under load. React picks its build when first required,
// so NODE_ENV is set only around this import and restored after, for everything else.
// The .tsx files use the classic JSX runtime (createElement): the automatic runtime's dev
// variant, jsxDEV, which Bun may emit, is undefined in React's production build.

export async function loadDashboard(): Promise<typeof import('./start.tsx')> {
  const previous = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    return await import('./start.tsx');
  } finally {
    if (previous === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = previous;
  }
}
