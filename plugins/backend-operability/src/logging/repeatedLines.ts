/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { format, Format, TransformableInfo } from 'logform';

/** A line to write once a window ends: the first line's fields and how often it came again. */
export interface RepeatSummary {
  level: string;
  message: string;
  /** The repeated line's own fields (plugin, service, type, ...). */
  fields: Record<string, unknown>;
  repeated: number;
}

interface Seen {
  level: string;
  message: string;
  fields: Record<string, unknown>;
  firstAt: number;
  suppressed: number;
}

// Fields that are not part of what makes two lines "the same", and never
// copied into a summary.
const VOLATILE = new Set(['level', 'message', 'timestamp', 'stack']);

/**
 * Collapses identical log lines: the first line with a given level, plugin
 * and message is written at once; the same line again within `windowMs` is
 * only counted, and {@link RepeatedLines.flush} (called once per window)
 * returns one summary per line that repeated, with the count. A failure that
 * repeats on every request or every loop (a database that is down) so costs
 * two lines per window instead of one per occurrence, and nothing is lost:
 * the count says how often it happened.
 *
 * Request log lines (`type: incomingRequest`), audit events (`isAuditEvent`,
 * whose message is only `<plugin>.<eventId>`, so every call of an action
 * would look like the first) and summaries themselves are never collapsed.
 */
export class RepeatedLines {
  readonly format: Format;
  private readonly seen = new Map<string, Seen>();
  private readonly windowMs: number;
  private readonly maxTracked: number;
  private readonly now: () => number;

  constructor(options: {
    windowMs: number;
    /** Distinct lines tracked at once; beyond it lines pass uncounted. */
    maxTracked?: number;
    now?: () => number;
  }) {
    this.windowMs = options.windowMs;
    this.maxTracked = options.maxTracked ?? 1000;
    this.now = options.now ?? Date.now;
    this.format = format(info => this.filter(info))();
  }

  private filter(info: TransformableInfo): TransformableInfo | false {
    if (
      info.type === 'incomingRequest' ||
      info.isAuditEvent ||
      info.repeated !== undefined
    ) {
      return info;
    }
    const message = String(info.message);
    const key = `${info.level}\u0000${info.plugin ?? ''}\u0000${
      info.service ?? ''
    }\u0000${message}`;
    const seen = this.seen.get(key);
    if (seen) {
      seen.suppressed += 1;
      return false;
    }
    if (this.seen.size >= this.maxTracked) {
      return info;
    }
    const fields: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(info)) {
      if (!VOLATILE.has(k)) fields[k] = v;
    }
    this.seen.set(key, {
      level: info.level,
      message,
      fields,
      firstAt: this.now(),
      suppressed: 0,
    });
    return info;
  }

  /**
   * Ends the window: returns a summary for every line that came again since
   * the last flush, and forgets lines that stayed quiet for a whole window
   * (their next occurrence is written at once again).
   */
  flush(): RepeatSummary[] {
    const out: RepeatSummary[] = [];
    const now = this.now();
    for (const [key, seen] of this.seen) {
      if (seen.suppressed > 0) {
        out.push({
          level: seen.level,
          message: seen.message,
          fields: seen.fields,
          repeated: seen.suppressed,
        });
        seen.suppressed = 0;
        seen.firstAt = now;
      } else if (now - seen.firstAt >= this.windowMs) {
        this.seen.delete(key);
      }
    }
    return out;
  }
}
