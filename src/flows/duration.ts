// ISO-8601 durations as java.time.Duration.parse reads them (PnDTnHnMn.nS), in milliseconds.
const DURATION = /^([-+]?)P(?:([-+]?\d+)D)?(?:T(?:([-+]?\d+)H)?(?:([-+]?\d+)M)?(?:([-+]?\d+)(?:[.,](\d{0,9}))?S)?)?$/i;

export function parseDurationMs(text: unknown): number | undefined {
  if (typeof text !== 'string') return undefined;
  const m = DURATION.exec(text.trim());
  if (!m) return undefined;
  const [, sign, d, h, min, s, frac] = m;
  if (d === undefined && h === undefined && min === undefined && s === undefined) return undefined;
  if (/T$/i.test(text.trim())) return undefined;
  const secFrac = frac ? Number(`0.${frac}`) * (s?.startsWith('-') ? -1 : 1) : 0;
  const total = Number(d ?? 0) * 86_400_000 + Number(h ?? 0) * 3_600_000 + Number(min ?? 0) * 60_000
    + (Number(s ?? 0) + secFrac) * 1000;
  return sign === '-' ? -total : total;
}
