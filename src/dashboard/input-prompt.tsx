// The `x` prompt: one line per flow input with its type, default and the value being typed.

/** @jsxRuntime classic */
/** @jsx React.createElement */

import { Text } from 'ink';
import * as React from 'react';
import { fit } from './format.ts';
import type { Box } from './layout.ts';
import type { Prompt } from './model.ts';
import { Pane } from './panes/pane.tsx';
import { windowAround } from './state/selectors.ts';

export function InputPrompt(props: { prompt: Prompt; box: Box }) {
  const { prompt } = props;
  const width = props.box.width - 2;
  const height = props.box.height - 2;
  const title = `Run ${prompt.namespace}.${prompt.flowId}`;
  if (prompt.fields.length === 0) {
    return <Pane title={title} width={props.box.width} height={props.box.height} focused><Text>{fit(' no inputs: ⏎ runs it', width)}</Text></Pane>;
  }
  const idW = Math.min(24, Math.max(8, ...prompt.fields.map((f) => f.id.length + 2)));
  const { items, offset } = windowAround(prompt.fields, prompt.index, height - 1);
  return (
    <Pane title={title} width={props.box.width} height={props.box.height} focused>
      <Text dimColor>{fit(' blank = the flow\'s default; * = required', width)}</Text>
      {items.map((f, i) => {
        const active = offset + i === prompt.index;
        const hint = [f.type, f.defaultText !== undefined ? `default ${f.defaultText}` : '', f.choices ? `←→ ${f.choices.join('|')}` : ''].filter(Boolean).join(' · ');
        return (
          <Text key={f.id} wrap="truncate-end">
            <Text bold={active} color={active ? 'cyan' : undefined}>{fit(`${active ? '›' : ' '}${f.id}${f.required && f.defaultText === undefined ? '*' : ''}`, idW)}</Text>
            {' '}<Text inverse={active}>{f.value || ' '}</Text>
            <Text dimColor>{`  ${hint}`}</Text>
          </Text>
        );
      })}
    </Pane>
  );
}
