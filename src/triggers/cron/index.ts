// Cron engine for the Schedule trigger (engine-contract §5.2): parse once, then compute fire times
// in any zone. Pure functions; the only shared state is the lazily loaded IANA database.

export { CronError, parseCron, type CronSchedule } from './parse.ts';
export { nextFire, previousFire, upcoming } from './next.ts';
export { formatZoned } from './format.ts';
export { isValidZone } from './zone.ts';
