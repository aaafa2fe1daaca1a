// Kept in a module (not read from package.json at run time) so the compiled binary knows it.
export const VERSION = '0.1.0';
