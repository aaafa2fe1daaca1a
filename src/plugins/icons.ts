// Plugin icons: kestra-lite's own small SVGs, one generic shape per kind of plugin (flowable
// tasks, other tasks, triggers, conditions, task runners) and one for the plugin group. Kestra
// ships artwork per class; clients only need an SVG to draw, so these stay deliberately plain.

import type { PluginDef } from './catalog.ts';

export type IconShape = 'flowable' | 'task' | 'trigger' | 'condition' | 'taskRunner' | 'group';

const svg = (body: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" fill="none" stroke="#6e56cf" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round">${body}</svg>`;

/** Shapes: branching lines, a rounded box, a lightning bolt, a diamond, a gear-like circle, stacked squares. */
export const ICON_SVG: Record<IconShape, string> = {
  flowable: svg('<circle cx="5" cy="12" r="2"/><circle cx="19" cy="6" r="2"/><circle cx="19" cy="18" r="2"/><path d="M7 12h4l6-6M11 12l6 6"/>'),
  task: svg('<rect x="4" y="5" width="16" height="14" rx="3"/><path d="M8 10h8M8 14h5"/>'),
  trigger: svg('<path d="M13 3 5 14h6l-1 7 8-11h-6z"/>'),
  condition: svg('<path d="M12 3 21 12 12 21 3 12z"/><path d="M12 9v4M12 16v.01"/>'),
  taskRunner: svg('<circle cx="12" cy="12" r="3"/><circle cx="12" cy="12" r="8"/><path d="M12 2v3M12 19v3M2 12h3M19 12h3"/>'),
  group: svg('<rect x="3" y="3" width="8" height="8" rx="2"/><rect x="13" y="3" width="8" height="8" rx="2"/><rect x="3" y="13" width="8" height="8" rx="2"/><rect x="13" y="13" width="8" height="8" rx="2"/>'),
};

const BASE64: Record<IconShape, string> = Object.fromEntries(
  Object.entries(ICON_SVG).map(([k, v]) => [k, Buffer.from(v).toString('base64')]),
) as Record<IconShape, string>;

/** A short, stable fingerprint of an icon's bytes (Kestra 2.0 sends one so clients can bust caches). */
function hashOf(text: string): string {
  return new Bun.CryptoHasher('sha256').update(text).digest('hex').slice(0, 16);
}
const HASH: Record<IconShape, string> = Object.fromEntries(
  Object.entries(ICON_SVG).map(([k, v]) => [k, hashOf(v)]),
) as Record<IconShape, string>;

export function shapeOf(def: PluginDef): IconShape {
  if (def.kind === 'task') return def.flowable ? 'flowable' : 'task';
  return def.kind;
}

/** PluginIcon (api-contract §2.14; `monochrome` and `hash` are the 2.0 additions). */
export interface PluginIconJson { name: string; icon: string; flowable: boolean; monochrome: boolean; hash: string }

export function iconJson(name: string, shape: IconShape): PluginIconJson {
  return { name, icon: BASE64[shape], flowable: shape === 'flowable', monochrome: true, hash: HASH[shape] };
}

/** The simple class name (what Kestra puts in `name`). */
export const simpleName = (cls: string) => cls.slice(cls.lastIndexOf('.') + 1);

/** Every class and alias → its icon. */
export function iconMap(defs: readonly PluginDef[]): Record<string, PluginIconJson> {
  const out: Record<string, PluginIconJson> = {};
  for (const def of defs) out[def.type] = iconJson(simpleName(def.type), shapeOf(def));
  for (const def of defs) for (const alias of def.aliases) out[alias] ??= iconJson(simpleName(alias), shapeOf(def));
  return out;
}

/** The plugin group and each sub-group package → the group icon (Kestra names them all `plugin-icon`). */
export function groupIconMap(groups: readonly string[]): Record<string, PluginIconJson> {
  return Object.fromEntries(groups.map((g) => [g, iconJson('plugin-icon', 'group')]));
}
