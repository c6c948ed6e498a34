/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { HttpError } from '@internal/stand-in-http';
import { qualifiedName, ResourceType } from '../resources';

/** The API server's answer to a failed request: a `Status` object with its HTTP code. */
export class StatusError extends HttpError {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(code, message, statusBody(code, reason, message, details), {
      'Content-Type': 'application/json',
    });
  }
}

export function statusBody(
  code: number,
  reason: string,
  message: string,
  details?: Record<string, unknown>,
) {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason,
    ...(details && { details }),
    code,
  };
}

/** A path the API server does not serve. */
export function noSuchResource() {
  return new StatusError(
    404,
    'NotFound',
    'the server could not find the requested resource',
  );
}

/** An object that does not exist. */
export function objectNotFound(type: ResourceType, name: string) {
  return new StatusError(
    404,
    'NotFound',
    `${qualifiedName(type)} "${name}" not found`,
    {
      name,
      group: type.group,
      kind: type.plural,
    },
  );
}
