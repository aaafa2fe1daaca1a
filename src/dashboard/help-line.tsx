// The footer: the filter being typed, else the answer to the last action, else the key summary.

import { Text } from 'ink';
import { fit } from './format.ts';
import type { DashboardState } from './model.ts';

export const KEYS_SHORT = '↑↓ move  Tab pane  ⏎ open  x run  r replay  k kill  p/u pause/resume  / filter  l level  ? help  q quit';

export function HelpLine(props: { state: DashboardState; width: number }) {
  const { ui } = props.state;
  if (ui.filterEditing) {
    return <Text wrap="truncate-end"><Text color="yellow" bold>/</Text>{ui.filter}<Text inverse> </Text><Text dimColor>{'  ⏎ keep  Esc clear'}</Text></Text>;
  }
  if (ui.message) {
    return <Text color={ui.message.tone === 'error' ? 'red' : 'green'} wrap="truncate-end">{fit(ui.message.text, props.width)}</Text>;
  }
  if (ui.prompt) return <Text dimColor wrap="truncate-end">{fit('↑↓/Tab field  ←→ choices  ⏎ next / run  Esc cancel', props.width)}</Text>;
  if (ui.opened) return <Text dimColor wrap="truncate-end">{fit('Esc back  ' + KEYS_SHORT.replace('⏎ open  ', 'f follow  '), props.width)}</Text>;
  return <Text dimColor wrap="truncate-end">{fit(KEYS_SHORT, props.width)}</Text>;
}
