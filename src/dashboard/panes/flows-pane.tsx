// The flows list, with invalid flow files flagged in red under it, each with its error.

/** @jsxRuntime classic */
/** @jsx React.createElement */

import { Text } from 'ink';
import * as React from 'react';
import { fit } from '../format.ts';
import { inner, type Box } from '../layout.ts';
import { flowKey, type DashboardState } from '../model.ts';
import { Pane } from './pane.tsx';
import { selectedFlow, visibleFlows, visibleInvalid, windowAround } from '../state/selectors.ts';

export function FlowsPane(props: { state: DashboardState; box: Box }) {
  const { state } = props;
  const { width, height } = inner(props.box);
  const focused = state.ui.focus === 'flows';
  const flows = visibleFlows(state);
  const invalid = visibleInvalid(state);
  // invalid files get up to half the rows (two lines each: file, then its error)
  const invalidShown = invalid.slice(0, Math.floor(Math.min(invalid.length * 2, Math.floor(height / 2)) / 2));
  const flowRows = height - invalidShown.length * 2;
  const selected = selectedFlow(state);
  const cursor = selected ? flows.indexOf(selected) : 0;
  const { items } = windowAround(flows, cursor, flowRows);
  return (
    <Pane title={`Flows ${flows.length}`} width={props.box.width} height={props.box.height} focused={focused}>
      {flows.length === 0 && invalid.length === 0 ? <Text dimColor>{fit('no flows yet', width)}</Text> : null}
      {items.map((f) => {
        const isSel = f === selected;
        return (
          <Text key={`f:${f.tenant}:${flowKey(f)}`} inverse={isSel && focused} bold={isSel} wrap="truncate-end">
            {fit(`${isSel ? '›' : ' '} ${flowKey(f)}`, width - 4)}<Text dimColor>{fit(` r${f.revision}`, 4)}</Text>
          </Text>
        );
      })}
      {invalidShown.flatMap((f) => [
        <Text key={`i:${f.file}`} color="red" bold wrap="truncate-end">{fit(`✗ ${f.file}`, width)}</Text>,
        <Text key={`e:${f.file}`} color="red" wrap="truncate-end">{fit(`  ${f.message}`, width)}</Text>,
      ])}
    </Pane>
  );
}
