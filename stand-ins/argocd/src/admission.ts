/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/*
 * What Argo CD's API server checks before it stores an Application from a
 * create or update (the body against the contract, the name, the namespace,
 * the project and the destination), with its messages, and what it keeps of
 * the request.
 */
import { randomUUID } from 'node:crypto';
import { resolveCluster } from './clusters';
import type { ArgoCdContract } from './contract';
import { now } from './desiredState';
import { ApiError, permissionDenied } from './errors';
import { permissionConditions, ProjectRegistry } from './projects';
import type { StoredApplication } from './store';
import type { StandInCluster } from './types';

/** The only namespace Applications live in (Argo CD's own). */
export const ARGOCD_NAMESPACE = 'argocd';

const DNS1123_SUBDOMAIN =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export class ApplicationAdmission {
  constructor(
    private readonly contract: ArgoCdContract,
    private readonly projects: ProjectRegistry,
    private readonly clusters: StandInCluster[],
  ) {}

  /** A request body as an Application, or Argo CD's 400 (403 for another namespace). */
  validateBody(body: unknown): StoredApplication {
    const result = this.contract.validateApplication(body, 'request');
    const name =
      (body as StoredApplication | undefined)?.metadata?.name ?? '<unnamed>';
    if (!result.valid) {
      throw new ApiError(
        'InvalidArgument',
        `application spec for ${name} is invalid: InvalidSpecError: ${result.errors.join(
          '; ',
        )}`,
      );
    }
    const app = body as StoredApplication;
    if (
      !app.metadata.name ||
      !DNS1123_SUBDOMAIN.test(app.metadata.name) ||
      app.metadata.name.length > 253
    ) {
      throw new ApiError(
        'InvalidArgument',
        `Application.argoproj.io "${name}" is invalid: metadata.name: Invalid value: "${name}": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character`,
      );
    }
    if (app.metadata.namespace && app.metadata.namespace !== ARGOCD_NAMESPACE) {
      throw permissionDenied(
        `namespace '${app.metadata.namespace}' is not permitted`,
      );
    }
    return app;
  }

  /**
   * As Argo CD's create/update: the project must exist; with `validate` the
   * destination cluster must be known and the project must permit the
   * repository and the destination (else 400 with Argo CD's conditions).
   * Without `validate` the permission problems are returned: the
   * Application is stored but, as Argo CD's controller does, carries them as
   * InvalidSpecError conditions and never syncs.
   */
  checkReferences(app: StoredApplication, validate: boolean): string[] {
    const project = this.projects.get(app.spec.project);
    if (!project) {
      throw new ApiError(
        'InvalidArgument',
        `application references project ${app.spec.project} which does not exist`,
      );
    }
    const { server, name } = app.spec.destination;
    const cluster = resolveCluster(this.clusters, app.spec.destination);
    if (!validate) return permissionConditions(project, app, cluster);
    const invalid = (reason: string) =>
      new ApiError(
        'InvalidArgument',
        `application destination spec for ${app.metadata.name} is invalid: ${reason}`,
      );
    if (server && name) {
      throw invalid(
        `application destination can't have both name and server defined: ${name} ${server}`,
      );
    }
    if (!server && !name) {
      throw invalid('Destination server missing from app spec');
    }
    if (name && !this.clusters.some(c => c.name === name)) {
      throw invalid(
        `unable to find destination server: there are no clusters with this name: ${name}`,
      );
    }
    if (server && !this.clusters.some(c => c.server === server)) {
      throw invalid(
        `unable to find destination server: there are no clusters with this URL: ${server}`,
      );
    }
    const conditions = permissionConditions(project, app, cluster);
    if (conditions.length > 0) {
      throw new ApiError(
        'InvalidArgument',
        `application spec for ${app.metadata.name} is invalid: ${conditions
          .map(c => `InvalidSpecError: ${c}`)
          .join(';')}`,
      );
    }
    return [];
  }
}

/**
 * What the server keeps of a requested Application: its name, labels,
 * annotations, finalizers and spec, with the identity and status of the one
 * it replaces (or a new uid and creation time).
 */
export function toStored(
  app: StoredApplication,
  existing?: StoredApplication,
): StoredApplication {
  return {
    metadata: {
      name: app.metadata.name,
      namespace: ARGOCD_NAMESPACE,
      uid: existing?.metadata.uid ?? randomUUID(),
      creationTimestamp: existing?.metadata.creationTimestamp ?? now(),
      resourceVersion: existing?.metadata.resourceVersion,
      ...(app.metadata.labels ? { labels: app.metadata.labels } : {}),
      ...(app.metadata.annotations
        ? { annotations: app.metadata.annotations }
        : {}),
      ...(app.metadata.finalizers
        ? { finalizers: app.metadata.finalizers }
        : {}),
    },
    spec: app.spec,
    status: existing?.status,
  };
}
