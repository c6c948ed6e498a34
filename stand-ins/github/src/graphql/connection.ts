/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { GraphQLError } from 'graphql';
import type { Caller, World } from '../world';

/** What every resolver gets as its context. */
export interface Ctx {
  caller: Caller;
  world: World;
}

const encodeCursor = (i: number) =>
  Buffer.from(`cursor:v2:${i}`).toString('base64');
const decodeCursor = (c: string | null | undefined): number => {
  if (!c) return -1;
  const m = /^cursor:v2:(\d+)$/.exec(Buffer.from(c, 'base64').toString('utf8'));
  if (!m)
    throw new GraphQLError(`\`${c}\` does not appear to be a valid cursor.`, {
      extensions: { type: 'INVALID_CURSOR_ARGUMENTS' },
    });
  return Number(m[1]);
};

/** Forward paging with GitHub's limits (first: 1..100). */
export function connection<T>(
  items: T[],
  args: { first?: number | null; after?: string | null },
  field: string,
) {
  const first = args.first;
  if (first === undefined || first === null) {
    throw new GraphQLError(
      `You must provide a \`first\` or \`last\` value to properly paginate the \`${field}\` connection.`,
      {
        extensions: { type: 'MISSING_PAGINATION_BOUNDARIES' },
      },
    );
  }
  if (first > 100 || first < 0) {
    throw new GraphQLError(
      `Requesting ${first} records on the \`${field}\` connection exceeds the \`first\` limit of 100 records.`,
      { extensions: { type: 'EXCESSIVE_PAGINATION' } },
    );
  }
  const start = decodeCursor(args.after) + 1;
  const slice = items.slice(start, start + first);
  return {
    nodes: slice,
    edges: slice.map((node, i) => ({ cursor: encodeCursor(start + i), node })),
    totalCount: items.length,
    pageInfo: {
      hasNextPage: start + first < items.length,
      hasPreviousPage: start > 0,
      startCursor: slice.length ? encodeCursor(start) : null,
      endCursor: slice.length ? encodeCursor(start + slice.length - 1) : null,
    },
  };
}

export function notFound(message: string) {
  return new GraphQLError(message, { extensions: { type: 'NOT_FOUND' } });
}
