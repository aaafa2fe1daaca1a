// An execution or task-run state in Kestra's colour, padded to a fixed cell.

/** @jsxRuntime classic */
/** @jsx React.createElement */

import { Text } from 'ink';
import * as React from 'react';
import type { StateType } from '../executions/state.ts';
import { STATE_COLORS } from './colors.ts';
import { fit } from './format.ts';

export function StateLabel(props: { state: StateType; width?: number }) {
  return <Text color={STATE_COLORS[props.state]} bold={props.state === 'FAILED'}>{fit(props.state, props.width ?? 9)}</Text>;
}
