// Pane sizes from the terminal size. Pure, so the 80×24 minimum and resizes are unit-tested.

export interface Box { width: number; height: number }
export interface Layout {
  width: number;
  height: number;
  /** overview: flows | executions on top */
  flows: Box;
  executions: Box;
  tasks: Box;
  logs: Box;
  /** tasks and logs side by side (wide terminals) or stacked */
  sideBySide: boolean;
  /** rows for a full-body overlay (help, prompt) */
  body: Box;
}

export const HEADER_ROWS = 2;
export const FOOTER_ROWS = 1;
export const MIN = { width: 80, height: 24 };

export function layout(columns: number, rows: number, opened: boolean, taskRows = 0): Layout {
  // below the minimum we still lay out (clipped) rather than crash on a tiny split pane
  const width = Math.max(columns, 40);
  const height = Math.max(rows, 12);
  const bodyH = height - HEADER_ROWS - FOOTER_ROWS;
  const body = { width, height: bodyH };
  if (opened) {
    // detail view: the task tree gets what it needs (up to 45%), the log tail the rest
    const tasksH = Math.max(5, Math.min(taskRows + 3, Math.floor(bodyH * 0.45)));
    return { width, height, body, sideBySide: false, flows: { width: 0, height: 0 }, executions: { width: 0, height: 0 }, tasks: { width, height: tasksH }, logs: { width, height: bodyH - tasksH } };
  }
  const topH = Math.max(5, Math.floor(bodyH * 0.42));
  const flowsW = Math.max(26, Math.min(44, Math.floor(width * 0.34)));
  const top = { flows: { width: flowsW, height: topH }, executions: { width: width - flowsW, height: topH } };
  const restH = bodyH - topH;
  if (width >= 120) {
    const tasksW = Math.floor(width * 0.45);
    return { width, height, body, sideBySide: true, ...top, tasks: { width: tasksW, height: restH }, logs: { width: width - tasksW, height: restH } };
  }
  const tasksH = Math.max(4, Math.floor(restH * 0.45));
  return { width, height, body, sideBySide: false, ...top, tasks: { width, height: tasksH }, logs: { width, height: restH - tasksH } };
}

/** Rows of content inside a pane (title border line and bottom border excluded). */
export const inner = (b: Box) => ({ width: Math.max(0, b.width - 2), height: Math.max(0, b.height - 2) });
