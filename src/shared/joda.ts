// @js-joda/core costs ~12 ms at start-up and most runs never touch a date: it is required on
// first use. Call sites write `joda().LocalDate.parse(...)`; types still come from `import type`.

type Joda = typeof import('@js-joda/core');
let loaded: Joda | undefined;

export function joda(): Joda {
  return (loaded ??= require('@js-joda/core') as Joda);
}
