// Size caps of log messages. Kestra splits a long message into entries of 10,240 characters
// (RunContextLogger.MAX_MESSAGE_LENGTH, each next entry 1 ms later) and keeps them all; a runaway
// message (an 81 MB loop output) would then be 8,000 entries. kestra-lite keeps Kestra's split
// and stops at 1 MiB per message: the entries past it are replaced by one marker entry that says
// how much was dropped, so a reader sees the truncation instead of a silently shorter message.

/** Kestra's entry size. */
export const LOG_ENTRY_CHARS = 10_240;
/** the most of one message that is stored (100 Kestra entries, 1 MiB) */
export const LOG_MESSAGE_MAX_CHARS = 100 * LOG_ENTRY_CHARS;

/** The stored parts of a message: Kestra's fixed-length split, capped, with a truncation marker last. */
export function splitLogMessage(message: string, maxChars = LOG_MESSAGE_MAX_CHARS): string[] {
  if (message.length <= LOG_ENTRY_CHARS) return [message];
  const kept = Math.min(message.length, maxChars);
  const parts: string[] = [];
  for (let i = 0; i < kept; i += LOG_ENTRY_CHARS) parts.push(message.slice(i, Math.min(i + LOG_ENTRY_CHARS, kept)));
  if (kept < message.length) {
    parts.push(`[truncated: ${message.length - kept} more characters not stored; a log message keeps at most ${maxChars} characters]`);
  }
  return parts;
}
