// @js-joda/core costs ~12 ms at start-up and most runs never touch a date: it is required on
// first use. Call sites write `joda().LocalDate.parse(...)`; types still come from `import type`.
// The IANA time-zone database costs ~50 ms and several MB more, so it waits for the first region
// id (Europe/Paris); UTC and fixed offsets never load it.

import type { ZoneId } from '@js-joda/core';

type Joda = typeof import('@js-joda/core');
let loaded: Joda | undefined;

export function joda(): Joda {
  return (loaded ??= require('@js-joda/core') as Joda);
}

let timeZonesLoaded = false;

/** Loads the IANA database into js-joda once; every region lookup goes through here. */
export function loadTimeZones(): void {
  if (timeZonesLoaded) return;
  require('@js-joda/timezone');
  timeZonesLoaded = true;
}

/** `UTC`/`Z` → ZoneOffset.UTC, an offset (`+02:00`) as is, a region id after loading the database; throws on unknown ids. */
export function zoneId(id: string): ZoneId {
  if (id === 'UTC' || id === 'Z') return joda().ZoneOffset.UTC;
  if (!/^[+-]\d/.test(id)) loadTimeZones();
  return joda().ZoneId.of(id);
}
