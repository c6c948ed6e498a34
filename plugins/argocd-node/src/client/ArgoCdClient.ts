/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/*
 * HTTP client for the Argo CD REST API (Argo CD 3.x, swagger `/api/v1/...`).
 *
 * Free of scaffolder concerns: the scaffolder actions, the status card's
 * backend and the team notifier use it. A little over 400 lines, kept in
 * one file because each call is a few lines around the one shared request
 * path (retry, metrics, token redaction, Argo CD's RBAC errors).
 */

import { LoggerService } from '@backstage/backend-plugin-api';
import {
  AuthenticationError,
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import {
  ArgoCdApplication,
  ArgoCdProject,
} from '@internal/plugin-argocd-common';
import { ArgoCdInstanceConfig } from '../config';
import {
  httpClientMetrics,
  HttpClientMetrics,
  withRetry,
} from '@internal/backend-http-node';

/** Retry behaviour for network errors and 5xx/429 answers. */
export interface ArgoCdRetryOptions {
  /** Total attempts, including the first. Default 4. */
  attempts?: number;
  /** Delay before the first retry; doubles on each further retry. Default 500 ms. */
  initialDelayMs?: number;
  /** Upper bound for one delay. Default 5000 ms. */
  maxDelayMs?: number;
}

export interface ArgoCdClientOptions {
  instance: ArgoCdInstanceConfig;
  retry?: ArgoCdRetryOptions;
  /** Receives retry warnings. Never given the token. */
  logger?: LoggerService;
}

/** Per-call options. */
export interface ArgoCdRequestOptions {
  signal?: AbortSignal;
}

/** What a request is about, used to phrase errors and RBAC hints. */
interface Operation {
  /** e.g. `create Application "shop"` */
  description: string;
  /** RBAC resource and action, e.g. `applications, create` */
  rbac: string;
  /** RBAC object, e.g. `team-a/shop` */
  rbacObject: string;
}

const RETRYABLE_STATUS = (status: number) => status >= 500 || status === 429;

/** A failed attempt worth another one: a network error or a 5xx/429 answer. */
class RetryableProblem extends Error {}

/** A client for one Argo CD instance. */
export class ArgoCdClient {
  readonly instanceName: string;
  private readonly instance: ArgoCdInstanceConfig;
  private readonly attempts: number;
  private readonly initialDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly logger?: LoggerService;
  private readonly metrics: HttpClientMetrics;

  constructor(options: ArgoCdClientOptions) {
    this.instance = options.instance;
    this.instanceName = options.instance.name;
    this.attempts = Math.max(1, options.retry?.attempts ?? 4);
    this.initialDelayMs = options.retry?.initialDelayMs ?? 500;
    this.maxDelayMs = options.retry?.maxDelayMs ?? 5000;
    this.logger = options.logger;
    // Every attempt as `http.client.request.duration` with
    // `peer.service=argocd` and the instance's name.
    this.metrics = httpClientMetrics({
      meterName: 'launchpad-argocd',
      peerService: 'argocd',
      attributes: { 'launchpad.argocd.instance': this.instanceName },
    });
  }

  /** Link to the Application in the Argo CD web UI. */
  applicationUiUrl(appName: string): string {
    return `${this.instance.uiUrl}/applications/${encodeURIComponent(appName)}`;
  }

  /**
   * Returns the Application, or `undefined` when it does not exist.
   *
   * Pass `project` when the Application may not exist yet: Argo CD answers
   * 403 "permission denied" for a missing Application unless the request
   * names the project (`?projects=`), so that nobody learns which names exist
   * elsewhere; with the project, an account allowed to get Applications in it
   * gets a 404. It also answers 404 when an Application of that name
   * exists in another project (or one the account may not get):
   * {@link ArgoCdClient.findApplication} shows whether the name is taken.
   */
  async getApplication(
    name: string,
    options: ArgoCdRequestOptions & { project?: string } = {},
  ): Promise<ArgoCdApplication | undefined> {
    const query = options.project
      ? `?${new URLSearchParams({ projects: options.project })}`
      : '';
    return this.request<ArgoCdApplication>({
      method: 'GET',
      path: `/api/v1/applications/${encodeURIComponent(name)}${query}`,
      operation: {
        description: `read Application "${name}"`,
        rbac: 'applications, get',
        rbacObject: `${options.project ?? '<project>'}/${name}`,
      },
      notFound: 'undefined',
      signal: options.signal,
    });
  }

  /**
   * Finds an Application by name among those the token may see
   * (`GET /api/v1/applications?name=`), for callers that do not know its
   * project: Argo CD answers a direct get of a missing Application with
   * "permission denied" unless the project is named, while the list simply
   * leaves it out.
   */
  async findApplication(
    name: string,
    options: ArgoCdRequestOptions = {},
  ): Promise<ArgoCdApplication | undefined> {
    const list = await this.request<{ items?: ArgoCdApplication[] | null }>({
      method: 'GET',
      path: `/api/v1/applications?${new URLSearchParams({ name })}`,
      operation: {
        description: `list Applications named "${name}"`,
        rbac: 'applications, get',
        rbacObject: `<project>/${name}`,
      },
      signal: options.signal,
    });
    return (list?.items ?? []).find(a => a.metadata?.name === name);
  }

  /**
   * Creates an Application (`POST /api/v1/applications`). Argo CD answers
   * with the existing Application when one with an identical spec exists, and
   * refuses a different spec unless `upsert` is set.
   */
  async createApplication(
    app: ArgoCdApplication,
    options: ArgoCdRequestOptions & {
      upsert?: boolean;
      validate?: boolean;
    } = {},
  ): Promise<ArgoCdApplication> {
    const query = new URLSearchParams({
      upsert: String(options.upsert ?? false),
      validate: String(options.validate ?? true),
    });
    const result = await this.request<ArgoCdApplication>({
      method: 'POST',
      path: `/api/v1/applications?${query}`,
      body: app,
      operation: {
        description: `${
          options.upsert ? 'create or update' : 'create'
        } Application "${app.metadata.name}" in project "${app.spec.project}"`,
        rbac: options.upsert
          ? 'applications, create and applications, update'
          : 'applications, create',
        rbacObject: `${app.spec.project}/${app.metadata.name}`,
      },
      project: app.spec.project,
      signal: options.signal,
    });
    return result!;
  }

  /** Replaces an existing Application (`PUT /api/v1/applications/{name}`). */
  async updateApplication(
    app: ArgoCdApplication,
    options: ArgoCdRequestOptions & { validate?: boolean } = {},
  ): Promise<ArgoCdApplication> {
    const query = new URLSearchParams({
      validate: String(options.validate ?? true),
    });
    const result = await this.request<ArgoCdApplication>({
      method: 'PUT',
      path: `/api/v1/applications/${encodeURIComponent(
        app.metadata.name,
      )}?${query}`,
      body: app,
      operation: {
        description: `update Application "${app.metadata.name}" in project "${app.spec.project}"`,
        rbac: 'applications, update',
        rbacObject: `${app.spec.project}/${app.metadata.name}`,
      },
      project: app.spec.project,
      signal: options.signal,
    });
    return result!;
  }

  /** Deletes an Application; resolves `false` when it did not exist. */
  async deleteApplication(
    name: string,
    options: ArgoCdRequestOptions & {
      cascade?: boolean;
      project?: string;
    } = {},
  ): Promise<boolean> {
    const query = new URLSearchParams({
      cascade: String(options.cascade ?? true),
    });
    const result = await this.request<object>({
      method: 'DELETE',
      path: `/api/v1/applications/${encodeURIComponent(name)}?${query}`,
      operation: {
        description: `delete Application "${name}"`,
        rbac: 'applications, delete',
        rbacObject: `${options.project ?? '<project>'}/${name}`,
      },
      notFound: 'undefined',
      signal: options.signal,
    });
    return result !== undefined;
  }

  /** Returns the AppProject, or `undefined` when it does not exist. */
  async getProject(
    name: string,
    options: ArgoCdRequestOptions = {},
  ): Promise<ArgoCdProject | undefined> {
    return this.request<ArgoCdProject>({
      method: 'GET',
      path: `/api/v1/projects/${encodeURIComponent(name)}`,
      operation: {
        description: `read project "${name}"`,
        rbac: 'projects, get',
        rbacObject: name,
      },
      notFound: 'undefined',
      signal: options.signal,
    });
  }

  private async request<T>(req: {
    method: string;
    path: string;
    body?: unknown;
    operation: Operation;
    notFound?: 'undefined';
    project?: string;
    signal?: AbortSignal;
  }): Promise<T | undefined> {
    const url = `${this.instance.url}${req.path}`;
    const where = `Argo CD instance "${this.instance.name}" (${this.instance.url})`;

    try {
      return await withRetry(
        async () => {
          let response: Response;
          const startedAt = performance.now();
          try {
            response = await fetch(url, {
              method: req.method,
              headers: {
                Authorization: `Bearer ${this.instance.token}`,
                Accept: 'application/json',
                ...(req.body ? { 'Content-Type': 'application/json' } : {}),
              },
              body: req.body ? JSON.stringify(req.body) : undefined,
              signal: req.signal,
            });
          } catch (error) {
            if (req.signal?.aborted) {
              throw error;
            }
            this.metrics.record(req.method, startedAt);
            throw new RetryableProblem(
              this.redact(describeNetworkError(error)),
            );
          }
          this.metrics.record(req.method, startedAt, response.status);

          if (response.ok) {
            return (await response.json()) as T;
          }
          const message = this.redact(await readErrorMessage(response));
          if (response.status === 404 && req.notFound === 'undefined') {
            return undefined;
          }
          if (RETRYABLE_STATUS(response.status)) {
            throw new RetryableProblem(
              `HTTP ${response.status}${message ? `: ${message}` : ''}`,
            );
          }
          throw this.toError(req, response.status, message, where);
        },
        {
          attempts: this.attempts,
          initialDelayMs: this.initialDelayMs,
          maxDelayMs: this.maxDelayMs,
          signal: req.signal,
          isRetryable: error => error instanceof RetryableProblem,
          onRetry: ({ error, attempt, delayMs }) =>
            this.logger?.warn(
              `Could not ${req.operation.description} on ${where}: ${
                (error as RetryableProblem).message
              }; retrying in ${delayMs} ms (attempt ${attempt + 1} of ${
                this.attempts
              })`,
            ),
        },
      );
    } catch (error) {
      if (!(error instanceof RetryableProblem)) {
        throw error;
      }
      throw new ServiceUnavailableError(
        `Could not ${req.operation.description} on ${where} after ${this.attempts} attempts: ${error.message}. Check that argocd.instances "${this.instance.name}" has the right url and that the Argo CD API server is reachable from the Backstage backend.`,
      );
    }
  }

  private toError(
    req: { operation: Operation; notFound?: 'undefined'; project?: string },
    status: number,
    message: string,
    where: string,
  ): Error {
    const { description, rbac, rbacObject } = req.operation;
    const detail = `(HTTP ${status}${message ? `: ${message}` : ''})`;
    if (status === 401) {
      return new AuthenticationError(
        `${where} rejected the API token while trying to ${description} ${detail}. Check that argocd.instances "${this.instance.name}" token is set (e.g. from the ARGOCD_TOKEN environment variable), belongs to an account with the apiKey capability, and has not expired or been revoked.`,
      );
    }
    if (status === 403) {
      return new NotAllowedError(
        `${where} denied permission to ${description} ${detail}. Check the Argo CD RBAC policy of the account behind the token: it needs "${rbac}" on "${rbacObject}", e.g. "p, role:launchpad-portal, ${
          rbac.split(' and ')[0]
        }, ${rbacObject.replace(/\/[^/]*$/, '/*')}, allow".`,
      );
    }
    if (req.project && isUnknownProject(message)) {
      return new NotFoundError(
        `${where} has no project "${req.project}" ${detail}. Create the AppProject in Argo CD or use an existing project.`,
      );
    }
    if (status === 404) {
      return new NotFoundError(
        `${where}: could not ${description}: not found ${detail}.`,
      );
    }
    if (status === 409) {
      return new ConflictError(`${where}: could not ${description} ${detail}.`);
    }
    return new InputError(`${where} refused to ${description} ${detail}.`);
  }

  /** Removes the token from text that came from the network or the runtime. */
  private redact(text: string): string {
    const token = this.instance.token;
    return token ? text.split(token).join('<redacted>') : text;
  }
}

function isUnknownProject(message: string): boolean {
  return (
    /project \S+ which does not exist/i.test(message) ||
    /appprojects\.argoproj\.io "[^"]*" not found/i.test(message)
  );
}

async function readErrorMessage(response: Response): Promise<string> {
  const text = await response.text().catch(() => '');
  try {
    const json = JSON.parse(text);
    const message = json.message ?? json.error;
    if (typeof message === 'string') {
      return message;
    }
  } catch {
    // not JSON, fall through
  }
  return text.slice(0, 500).trim();
}

function describeNetworkError(error: unknown): string {
  // Checked by shape: errors from fetch may come from another realm.
  const e = error as {
    message?: unknown;
    cause?: { code?: unknown; message?: unknown };
  } | null;
  if (!e || typeof e.message !== 'string') {
    return String(error);
  }
  const code = e.cause?.code ?? e.cause?.message;
  return typeof code === 'string' && code
    ? `${e.message} (${code})`
    : e.message;
}
