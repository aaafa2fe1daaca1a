// ISO-8601 rendering of an instant in a zone, as Kestra prints trigger dates (Java
// ISO_OFFSET_DATE_TIME at second precision): 2024-12-20T10:00:00+01:00, `Z` for a zero offset.

import { civilFromDays, DAY } from './calendar.ts';
import { resolveZone } from './zone.ts';

const p2 = (n: number) => (n < 10 ? `0${n}` : String(n));

function year(y: number): string {
  if (y > 9999) return `+${y}`; // Java prints a sign beyond four digits
  const abs = String(Math.abs(y)).padStart(4, '0');
  return y < 0 ? `-${abs}` : abs;
}

function offsetText(offset: number): string {
  if (offset === 0) return 'Z';
  const abs = Math.abs(offset);
  const h = Math.floor(abs / 3600);
  const m = Math.floor((abs % 3600) / 60);
  const s = abs % 60;
  // historical LMT offsets carry seconds, which Java prints
  return `${offset < 0 ? '-' : '+'}${p2(h)}:${p2(m)}${s ? `:${p2(s)}` : ''}`;
}

/** `ms` truncated to the second, as wall-clock time in `tz` with that instant's offset. */
export function formatZoned(ms: number, tz: string): string {
  const sec = Math.floor(ms / 1000);
  const offset = resolveZone(tz).offsetAt(sec);
  const local = sec + offset;
  const days = Math.floor(local / DAY);
  const sod = local - days * DAY;
  const { y, m, d } = civilFromDays(days);
  const hms = `${p2(Math.floor(sod / 3600))}:${p2(Math.floor((sod % 3600) / 60))}:${p2(sod % 60)}`;
  return `${year(y)}-${p2(m)}-${p2(d)}T${hms}${offsetText(offset)}`;
}
