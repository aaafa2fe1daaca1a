// Why a running task was interrupted, as the engine tells it through `ctx.signal.reason`. Part
// of the task contract (not the engine) so that tasks never import the engine to read it.

/** A kill with isOnKillCascade=false: tasks that started child executions leave them running. */
export const NO_CASCADE = 'no-cascade';

/** The reason the engine gives when it interrupts a running attempt (undefined: a plain kill). */
export type AbortReason = typeof NO_CASCADE | undefined;

/** true when an aborted task should also kill the executions it started (the default). */
export const killsChildren = (signal: AbortSignal): boolean => signal.reason !== NO_CASCADE;
