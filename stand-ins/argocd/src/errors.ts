/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/*
 * Argo CD's errors as its grpc-gateway answers them: the gRPC status code in
 * the body (`runtimeError`: `{ error, code, message }`) and its HTTP status.
 */
import {
  BodyTooLargeError,
  HttpError,
  InvalidJsonError,
} from '@internal/stand-in-http';

/** gRPC status codes as Argo CD's grpc-gateway reports them, with their HTTP status. */
export const GRPC = {
  InvalidArgument: { code: 3, http: 400 },
  NotFound: { code: 5, http: 404 },
  PermissionDenied: { code: 7, http: 403 },
  Unauthenticated: { code: 16, http: 401 },
  Internal: { code: 13, http: 500 },
  Unimplemented: { code: 12, http: 501 },
} as const;

export type GrpcStatus = keyof typeof GRPC;

/** The JSON type Argo CD answers with (no charset). */
export const JSON_TYPE = { 'Content-Type': 'application/json' };

/** An Argo CD API error: a gRPC status and its message. */
export class ApiError extends HttpError {
  constructor(readonly grpcStatus: GrpcStatus, message: string) {
    const { code, http } = GRPC[grpcStatus];
    super(http, message, { error: message, code, message }, JSON_TYPE);
    this.name = 'ApiError';
  }
}

/** `<resource>.argoproj.io "<name>" not found`, Argo CD's 404. */
export function notFound(
  resource: 'applications' | 'appprojects',
  name: string,
) {
  return new ApiError(
    'NotFound',
    `${resource}.argoproj.io "${name}" not found`,
  );
}

/**
 * 403 with RBAC's message, or the bare `permission denied` Argo CD answers
 * where a detail would let a caller probe which names exist.
 */
export function permissionDenied(message = 'permission denied') {
  return new ApiError('PermissionDenied', message);
}

/**
 * What a request's failure answers: an {@link ApiError} as thrown; a body
 * that is not JSON or too large as Argo CD's InvalidArgument; anything else
 * as an internal error whose detail stays in the stand-in's log.
 */
export function toApiError(
  error: unknown,
  log: (line: string) => void,
): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof InvalidJsonError) {
    return new ApiError(
      'InvalidArgument',
      `error unmarshaling request body: ${error.detail}`,
    );
  }
  if (error instanceof BodyTooLargeError) {
    return new ApiError('InvalidArgument', 'request body too large');
  }
  log(`internal error: ${String(error)}`);
  return new ApiError('Internal', 'internal error in the Argo CD stand-in');
}
