/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import {
  AuthService,
  coreServices,
  createServiceFactory,
  createServiceRef,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { Entity, RELATION_MEMBER_OF } from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import { InputError, NotAllowedError } from '@backstage/errors';
import {
  CatalogService,
  catalogServiceRef,
} from '@backstage/plugin-catalog-node';
import { normalizeGroupRef, readTenancyConfig, TenantTeam } from './config';
import {
  describeTeam,
  DeploymentRequest,
  ResolvedDeployment,
  TenancyRules,
} from './rules';

/** The teams a user may act for. */
export interface UserTeams {
  /** A member of a platform group: every team. */
  platform: boolean;
  /** The teams (after each Group's narrowing annotations). */
  teams: TenantTeam[];
}

/**
 * Team tenancy on the server: who may deploy what, for which team. Every
 * answer reads the user's memberships and the Group entities from the
 * catalog with the plugin's own credentials, never from the request.
 */
export interface TenancyService {
  /** The rules, or undefined when `launchpad.tenancy` is not configured. */
  readonly rules: TenancyRules | undefined;

  /** The teams a signed-in user may create services for. */
  teamsForUser(userRef: string): Promise<UserTeams>;

  /**
   * Checks that `userRef` may deploy for `owner` and that the request stays
   * inside the owner's tenancy. Throws NotAllowedError (not a member) or
   * InputError (outside the tenancy), each saying what is allowed.
   */
  authorizeDeployment(options: {
    userRef: string | undefined;
    owner: string;
    request: DeploymentRequest;
  }): Promise<ResolvedDeployment>;

  /**
   * The same for an Argo CD Application, whose project names the team:
   * the project must be a team's, the destination inside that team's
   * clusters and namespaces, and the user a member of it (or platform).
   */
  authorizeApplication(options: {
    userRef: string | undefined;
    project: string;
    destinationName?: string;
    destinationServer?: string;
    namespace: string;
  }): Promise<ResolvedDeployment>;
}

const NOT_CONFIGURED =
  'Team tenancy is not configured (launchpad.tenancy in app-config): nothing may be deployed until it names the teams, their Argo CD projects, clusters and namespaces.';

export class DefaultTenancyService implements TenancyService {
  readonly rules: TenancyRules | undefined;

  static create(options: {
    config: Config;
    catalog: CatalogService;
    auth: AuthService;
    logger: LoggerService;
  }) {
    const tenancy = readTenancyConfig(options.config);
    return new DefaultTenancyService(
      tenancy && new TenancyRules(tenancy),
      options.catalog,
      options.auth,
      options.logger,
    );
  }

  constructor(
    rules: TenancyRules | undefined,
    private readonly catalog: CatalogService,
    private readonly auth: AuthService,
    private readonly logger: LoggerService,
  ) {
    this.rules = rules;
  }

  private requireRules(): TenancyRules {
    if (!this.rules) throw new InputError(NOT_CONFIGURED);
    return this.rules;
  }

  private async entity(ref: string): Promise<Entity | undefined> {
    return this.catalog.getEntityByRef(ref, {
      credentials: await this.auth.getOwnServiceCredentials(),
    });
  }

  /** The groups the user is a direct member of, from the catalog. */
  private async memberships(userRef: string): Promise<string[]> {
    const user = await this.entity(userRef);
    if (!user) return [];
    return (user.relations ?? [])
      .filter(r => r.type === RELATION_MEMBER_OF)
      .map(r => r.targetRef.toLocaleLowerCase('en-US'));
  }

  /** The team with its Group's narrowing annotations applied. */
  private async narrowed(rules: TenancyRules, team: TenantTeam) {
    const group = await this.entity(team.group);
    if (!group) {
      throw new InputError(
        `The team ${team.group} is configured in launchpad.tenancy but is not in the catalog; nothing can be deployed for it.`,
      );
    }
    const { team: narrowed, ignored } = rules.narrow(team, group);
    for (const note of ignored) {
      this.logger.warn(`Tenancy of ${team.group}: ${note} (ignored)`);
    }
    return narrowed;
  }

  async teamsForUser(userRef: string): Promise<UserTeams> {
    const rules = this.requireRules();
    const groups = await this.memberships(userRef);
    const platform = rules.isPlatform(groups);
    const teams: TenantTeam[] = [];
    for (const team of rules.teamsFor(groups)) {
      try {
        teams.push(await this.narrowed(rules, team));
      } catch (error) {
        this.logger.warn((error as Error).message);
      }
    }
    return { platform, teams };
  }

  private async authorize(
    rules: TenancyRules,
    userRef: string | undefined,
    team: TenantTeam,
    request: DeploymentRequest,
  ): Promise<ResolvedDeployment> {
    if (!userRef) {
      throw new NotAllowedError(
        `Only a signed-in user can deploy for ${
          team.group
        }: this request has no user (a service or API token). Run the template as a member of ${
          team.group
        } or of a platform group (${
          rules.config.platformGroups.join(', ') || 'none configured'
        }).`,
      );
    }
    const groups = await this.memberships(userRef);
    if (!groups.includes(team.group) && !rules.isPlatform(groups)) {
      const own = rules.teamsFor(groups).map(t => t.group);
      throw new NotAllowedError(
        `${userRef} is not a member of ${
          team.group
        }, so it cannot deploy for it. ${
          own.length
            ? `It may deploy for ${own.join(', ')}`
            : 'It is a member of no team in launchpad.tenancy'
        } (platform groups ${
          rules.config.platformGroups.join(', ') || 'none'
        } may deploy for any team).`,
      );
    }
    const narrowed = await this.narrowed(rules, team);
    const result = rules.check(narrowed, request);
    if (!result.ok) {
      throw new InputError(
        `Refused by the team tenancy rules: ${result.problems.join(
          '; ',
        )}. (${describeTeam(narrowed)}.)`,
      );
    }
    return result.value;
  }

  async authorizeDeployment(options: {
    userRef: string | undefined;
    owner: string;
    request: DeploymentRequest;
  }): Promise<ResolvedDeployment> {
    const rules = this.requireRules();
    let owner: string;
    try {
      owner = normalizeGroupRef(options.owner);
    } catch {
      throw new InputError(
        `The owner '${
          options.owner
        }' is not a Group; pick one of the teams: ${rules.config.teams
          .map(t => t.group)
          .join(', ')}.`,
      );
    }
    const team = rules.team(owner);
    if (!team) {
      throw new InputError(
        `${owner} is not a team in launchpad.tenancy, so nothing can be deployed for it. Teams: ${rules.config.teams
          .map(t => t.group)
          .join(', ')}.`,
      );
    }
    return this.authorize(rules, options.userRef, team, options.request);
  }

  async authorizeApplication(options: {
    userRef: string | undefined;
    project: string;
    destinationName?: string;
    destinationServer?: string;
    namespace: string;
  }): Promise<ResolvedDeployment> {
    const rules = this.requireRules();
    const team = rules.teamByProject(options.project);
    if (!team) {
      throw new InputError(
        `Argo CD project '${
          options.project
        }' is not a team's project in launchpad.tenancy, so no Application may be created in it. Team projects: ${rules.config.teams
          .map(t => `${t.project} (${t.group})`)
          .join(', ')}.`,
      );
    }
    if (options.destinationServer) {
      throw new InputError(
        `Refused by the team tenancy rules: set destinationName to one of ${
          team.group
        }'s clusters (${team.clusters.join(
          ', ',
        )}) instead of destinationServer '${options.destinationServer}'.`,
      );
    }
    return this.authorize(rules, options.userRef, team, {
      project: options.project,
      cluster: options.destinationName ?? '',
      namespace: options.namespace,
    });
  }
}

/** The tenancy service, one per plugin (it reads the catalog as that plugin). */
export const tenancyServiceRef = createServiceRef<TenancyService>({
  id: 'launchpad.tenancy',
  scope: 'plugin',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: {
        config: coreServices.rootConfig,
        catalog: catalogServiceRef,
        auth: coreServices.auth,
        logger: coreServices.logger,
      },
      factory: deps => DefaultTenancyService.create(deps),
    }),
});
