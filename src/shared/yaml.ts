// The `yaml` package, required on first use. Evaluating it costs ~3 ms and ~4 MB of RSS at every
// start of the binary, and a server with an empty flows directory (or one only answering JSON)
// never parses or writes YAML. Call sites write `yaml().parse(...)`; types still come from
// `import type { ... } from 'yaml'`.

type Yaml = typeof import('yaml');
let loaded: Yaml | undefined;

export function yaml(): Yaml {
  return (loaded ??= require('yaml') as Yaml);
}
