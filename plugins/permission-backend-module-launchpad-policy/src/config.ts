/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import {
  makeValidator,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';

/** `launchpad.access`, validated, with every group reference normalized. */
export interface LaunchpadAccessConfig {
  /** Members may do everything. Never empty. */
  platformGroups: string[];
  /** Members may run templates (create scaffolder tasks, register entities). */
  templateRunners: string[];
  /** Audience name (the template's annotation value) to the groups in it. */
  templateAudiences: Record<string, string[]>;
}

const validator = makeValidator();

const EXAMPLE =
  'launchpad: { access: { platformGroups: [group:default/platform], templateRunners: [group:default/payments] } }';

/**
 * Lower-cased `kind:namespace/name`. The catalog lower-cases references in
 * relations and search, so comparisons use this form on both sides.
 */
export function normalizeEntityRef(ref: string): string {
  return stringifyEntityRef(parseEntityRef(ref)).toLocaleLowerCase('en-US');
}

function readGroupRefs(
  config: Config,
  key: string,
  path: string,
  required: boolean,
): string[] {
  let values: string[] | undefined;
  try {
    values = config.getOptionalStringArray(key);
  } catch (error) {
    throw new InputError(
      `${path} must be a list of group entity references such as group:default/platform (${
        (error as Error).message
      })`,
    );
  }
  if (values === undefined || (required && values.length === 0)) {
    if (!required) return [];
    throw new InputError(
      `${path} is missing or empty: the permission policy needs at least one platform group, e.g. ${EXAMPLE}`,
    );
  }
  return values.map((value, index) => {
    const where = `${path}[${index}]`;
    const trimmed = value.trim();
    if (!/^group:/i.test(trimmed)) {
      const hint = /^[a-z0-9._-]+$/i.test(trimmed)
        ? `; write it as group:default/${trimmed}`
        : '';
      throw new InputError(
        `${where} is '${value}', which is not a group entity reference (group:<namespace>/<name>)${hint}`,
      );
    }
    try {
      const ref = parseEntityRef(trimmed);
      if (!validator.isValidNamespace(ref.namespace)) {
        throw new Error(`'${ref.namespace}' is not a valid namespace`);
      }
      if (!validator.isValidEntityName(ref.name)) {
        throw new Error(`'${ref.name}' is not a valid entity name`);
      }
      return normalizeEntityRef(trimmed);
    } catch (error) {
      throw new InputError(
        `${where} is '${value}', which is not a valid group entity reference: ${
          (error as Error).message
        }`,
      );
    }
  });
}

/**
 * Reads and validates `launchpad.access`. Throws an InputError naming the
 * offending key and what to write instead, so the backend refuses to start
 * with a policy nobody meant.
 */
export function readLaunchpadAccessConfig(
  rootConfig: Config,
): LaunchpadAccessConfig {
  let access: Config | undefined;
  try {
    access = rootConfig.getOptionalConfig('launchpad.access');
  } catch (error) {
    throw new InputError(
      `launchpad.access must be an object, e.g. ${EXAMPLE} (${
        (error as Error).message
      })`,
    );
  }
  if (!access) {
    throw new InputError(
      `launchpad.access is missing: the permission policy needs at least one platform group, e.g. ${EXAMPLE}`,
    );
  }

  const platformGroups = readGroupRefs(
    access,
    'platformGroups',
    'launchpad.access.platformGroups',
    true,
  );
  const templateRunners = readGroupRefs(
    access,
    'templateRunners',
    'launchpad.access.templateRunners',
    false,
  );

  const templateAudiences: Record<string, string[]> = {};
  let audiences: Config | undefined;
  try {
    audiences = access.getOptionalConfig('templateAudiences');
  } catch (error) {
    throw new InputError(
      `launchpad.access.templateAudiences must map audience names to lists of group entity references (${
        (error as Error).message
      })`,
    );
  }
  for (const name of audiences?.keys() ?? []) {
    templateAudiences[name] = readGroupRefs(
      audiences!,
      name,
      `launchpad.access.templateAudiences.${name}`,
      false,
    );
  }

  return { platformGroups, templateRunners, templateAudiences };
}
