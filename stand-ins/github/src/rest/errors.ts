/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import {
  HttpError,
  InvalidJsonError,
  Request,
  sendError,
  sendJson,
} from '@internal/stand-in-http';
import { errorBody } from '../shapes';

export const DOC = 'https://docs.github.com/rest';

/** A REST error carrying GitHub's JSON error shape. */
export class ApiError extends HttpError {
  constructor(
    status: number,
    message: string,
    extra: Record<string, unknown> = {},
    documentationUrl = DOC,
    headers: Record<string, string> = {},
  ) {
    super(
      status,
      message,
      { ...errorBody(message, documentationUrl, status), ...extra },
      headers,
    );
  }
}

export const notFound = (message = 'Not Found') => new ApiError(404, message);

export function validationFailed(
  message: string,
  errors: object[],
  documentationUrl = DOC,
) {
  return new ApiError(422, message, { errors }, documentationUrl);
}

/** Turns an error from a REST handler into GitHub's JSON error response. */
export function sendApiError(req: Request, err: unknown) {
  if (err instanceof HttpError) {
    sendError(req.res, err);
    return;
  }
  if (err instanceof InvalidJsonError) {
    sendJson(req.res, 400, errorBody('Problems parsing JSON', DOC, 400));
    return;
  }
  sendJson(req.res, 500, errorBody('Server Error', DOC, 500));
}
