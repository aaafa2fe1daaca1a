// A bordered pane whose title sits in the top border (Ink borders have no titles, so the top
// edge is drawn as text). Its content area is exactly (width-2) × (height-2).

/** @jsxRuntime classic */
/** @jsx React.createElement */

import { Box, Text } from 'ink';
import * as React from 'react';
import { type ReactNode } from 'react';
import { BLUR_COLOR, FOCUS_COLOR } from '../colors.ts';

export function Pane(props: { title: string; width: number; height: number; focused: boolean; children?: ReactNode }) {
  const color = props.focused ? FOCUS_COLOR : BLUR_COLOR;
  const title = ` ${props.title} `.slice(0, Math.max(0, props.width - 4));
  const rule = '─'.repeat(Math.max(0, props.width - 3 - title.length));
  if (props.width < 4 || props.height < 2) return null;
  return (
    <Box flexDirection="column" width={props.width} height={props.height}>
      <Text color={color} wrap="truncate-end">╭─<Text bold={props.focused}>{title}</Text>{rule}╮</Text>
      <Box borderStyle="round" borderTop={false} borderColor={color} flexDirection="column" width={props.width} height={props.height - 1} overflow="hidden">
        {props.children}
      </Box>
    </Box>
  );
}
