// Two header lines: where the server is (URL, flows directory, storage, auth) and the counts.

/** @jsxRuntime classic */
/** @jsx React.createElement */

import { Box, Text } from 'ink';
import * as React from 'react';
import type { DashboardInfo } from './deps.ts';
import { clock } from './format.ts';
import type { DashboardState } from './model.ts';
import { counts } from './state/selectors.ts';

export function Header(props: { state: DashboardState; info: DashboardInfo; now: number; width: number }) {
  const { info, state } = props;
  const c = counts(state);
  const next = state.data.nextFire !== undefined && state.data.nextFire >= props.now ? clock(state.data.nextFire) : '—';
  return (
    <Box flexDirection="column" width={props.width} height={2}>
      <Text wrap="truncate-end">
        <Text bold color="cyan">kestra-lite</Text> <Text dimColor>{info.version}</Text>  <Text bold>{info.url}</Text>
        {`  ${info.storage}  auth ${info.auth ? 'on' : 'off'}  flows: ${info.flowsDir ?? '(none)'}${info.watching ? ' (watching)' : ''}`}
      </Text>
      <Text wrap="truncate-end">
        {'flows '}<Text bold>{c.flows}</Text>
        {c.invalid ? <Text color="red">{` (${c.invalid} invalid)`}</Text> : ''}
        {'  running '}<Text bold color="#8405FF">{c.running}</Text>
        {'  succeeded '}<Text bold color="#029E73">{c.succeeded}</Text>
        {'  failed '}<Text bold color="#E0270C">{c.failed}</Text>
        {'  next fire '}<Text bold>{next}</Text>
        {'  logs ≥ '}<Text bold>{state.ui.minLevel}</Text>
        {state.ui.filter ? <Text color="yellow">{`  filter "${state.ui.filter}"`}</Text> : ''}
      </Text>
    </Box>
  );
}
