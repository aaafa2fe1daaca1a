// Routes terminal keys through the pure keymap. Keys are applied in order against the state the
// previous key produced, even before React re-renders (a chunk like "Bob\r", or two keys within
// one frame): the reducer is pure, so we fold ahead and remember the result until the next render.

import { useInput } from 'ink';
import { useRef } from 'react';
import type { Action } from '../actions.ts';
import { keyToIntent, splitInput, type Command } from '../keymap.ts';
import type { DashboardState } from '../model.ts';
import { reduceAll } from '../state/state.ts';

export function useKeys(state: DashboardState, send: (actions: Action[]) => void, perform: (c: Command) => void, isActive: boolean): void {
  const ahead = useRef({ base: state, folded: state });
  useInput((input, key) => {
    let s = ahead.current.base === state ? ahead.current.folded : state;
    for (const [i, k] of splitInput(input, key)) {
      const r = keyToIntent(s, i, k);
      if (r.actions.length) { s = reduceAll(s, r.actions); send(r.actions); }
      if (r.command) perform(r.command);
    }
    ahead.current = { base: state, folded: s };
  }, { isActive });
}
