// Kept in a module (not read from package.json at run time) so the compiled binary knows it.
export const VERSION = '0.1.0';

/** The Kestra API version kestra-lite answers as by default (its seed documents are Kestra 0.21's). */
export const KESTRA_API_VERSION = '0.21.0';
