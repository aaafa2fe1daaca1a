// Where a log line or a metric comes from: the run coordinates both kinds of record carry. Kept
// here because logs/ and metrics/ are peers and neither should import the other for it.

export interface EntryOrigin {
  tenant: string;
  namespace: string;
  flowId: string;
  taskId?: string;
  executionId?: string;
  taskRunId?: string;
}
