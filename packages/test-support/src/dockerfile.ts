/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * A small parser for the instructions of the root Dockerfile: enough to
 * inspect its stages and replay the runtime stage without Docker.
 */

export interface Instruction {
  /** Upper-case keyword: FROM, RUN, COPY, ... */
  keyword: string;
  /** `--name=value` flags before the arguments (`--from`, `--chown`, `--mount`). */
  flags: Record<string, string[]>;
  /** The arguments after the flags, as written (continuations joined). */
  args: string;
  /** The arguments in exec (JSON array) form, when written that way. */
  json?: string[];
  /** 1-based line number of the instruction's first line. */
  line: number;
}

export interface Stage {
  /** `AS name`, or the stage index as a string when unnamed. */
  name: string;
  /** Base image or stage name. */
  from: string;
  instructions: Instruction[];
}

export interface Dockerfile {
  stages: Stage[];
}

function splitFlags(rest: string): {
  flags: Record<string, string[]>;
  args: string;
} {
  const flags: Record<string, string[]> = {};
  let args = rest.trim();
  for (;;) {
    const m = /^--([a-z-]+)(?:=(\S+))?\s+/.exec(args);
    if (!m) break;
    (flags[m[1]] ??= []).push(m[2] ?? 'true');
    args = args.slice(m[0].length).trim();
  }
  return { flags, args };
}

/** Parses Dockerfile text (comments, line continuations, exec form). */
export function parseDockerfile(text: string): Dockerfile {
  const instructions: Instruction[] = [];
  const lines = text.split(/\r?\n/);
  let buffer = '';
  let startLine = 0;
  lines.forEach((raw, index) => {
    const line = raw.trim();
    if (!buffer && (line === '' || line.startsWith('#'))) return;
    if (buffer && line.startsWith('#')) return; // comment inside a continuation
    if (!buffer) startLine = index + 1;
    if (line.endsWith('\\')) {
      buffer += `${line.slice(0, -1)} `;
      return;
    }
    buffer += line;
    const m = /^(\S+)\s*([\s\S]*)$/.exec(buffer)!;
    const { flags, args } = splitFlags(m[2]);
    const instruction: Instruction = {
      keyword: m[1].toUpperCase(),
      flags,
      args,
      line: startLine,
    };
    if (args.startsWith('[')) {
      try {
        const parsed = JSON.parse(args);
        if (Array.isArray(parsed) && parsed.every(p => typeof p === 'string')) {
          instruction.json = parsed;
        }
      } catch {
        // shell form that happens to start with '['
      }
    }
    instructions.push(instruction);
    buffer = '';
  });
  if (buffer) {
    throw new Error(
      `Dockerfile ends inside a line continuation (line ${startLine})`,
    );
  }

  const stages: Stage[] = [];
  for (const instruction of instructions) {
    if (instruction.keyword === 'FROM') {
      const m = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(instruction.args);
      if (!m) {
        throw new Error(
          `Cannot parse FROM on line ${instruction.line}: ${instruction.args}`,
        );
      }
      stages.push({
        name: m[2] ?? String(stages.length),
        from: m[1],
        instructions: [],
      });
    } else if (stages.length === 0) {
      if (instruction.keyword !== 'ARG') {
        throw new Error(
          `${instruction.keyword} before the first FROM (line ${instruction.line})`,
        );
      }
    } else {
      stages[stages.length - 1].instructions.push(instruction);
    }
  }
  return { stages };
}

/** The stage an image build produces by default: the last one. */
export function finalStage(dockerfile: Dockerfile): Stage {
  const stage = dockerfile.stages[dockerfile.stages.length - 1];
  if (!stage) throw new Error('Dockerfile has no FROM');
  return stage;
}

export function findStage(dockerfile: Dockerfile, name: string): Stage {
  const stage = dockerfile.stages.find(s => s.name === name);
  if (!stage) {
    throw new Error(
      `Dockerfile has no stage '${name}' (stages: ${dockerfile.stages
        .map(s => s.name)
        .join(', ')})`,
    );
  }
  return stage;
}

/** Splits the arguments of COPY/ADD into sources and destination. */
export function copyOperands(instruction: Instruction): {
  sources: string[];
  dest: string;
} {
  const parts =
    instruction.json ?? instruction.args.split(/\s+/).filter(Boolean);
  if (parts.length < 2) {
    throw new Error(
      `${instruction.keyword} needs a source and a destination (line ${instruction.line})`,
    );
  }
  return { sources: parts.slice(0, -1), dest: parts[parts.length - 1] };
}

/** `ENV a=b c=d` and the legacy `ENV a b` form. */
export function envAssignments(
  instruction: Instruction,
): Record<string, string> {
  const env: Record<string, string> = {};
  const legacy = /^(\w+)\s+([^=]*)$/.exec(instruction.args);
  if (legacy && !instruction.args.includes('=')) {
    env[legacy[1]] = legacy[2].trim();
    return env;
  }
  const re = /(\w+)=("(?:[^"\\]|\\.)*"|\S*)/g;
  for (const m of instruction.args.matchAll(re)) {
    env[m[1]] = m[2].startsWith('"') ? JSON.parse(m[2]) : m[2];
  }
  return env;
}
