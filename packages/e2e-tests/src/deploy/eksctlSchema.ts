/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */

// The part of eksctl's ClusterConfig schema (eksctl.io/v1alpha5, published in
// the eksctl repository as pkg/apis/eksctl.io/v1alpha5/assets/schema.json)
// that deploy/cluster/*.yaml uses. Every object the files write lists all the
// property names eksctl's schema allows there (additionalProperties: false,
// as in eksctl's), so a misspelt or invented key fails; objects the files do
// not use are left open ({}), typed only as far as the files go.

const open = {};
const str = { type: 'string' };
const bool = { type: 'boolean' };
const int = { type: 'integer' };
const strings = { type: 'array', items: str };
const stringMap = { type: 'object', additionalProperties: str };

/** `properties` from a list of names, with types for the ones given. */
function props(names: string[], types: Record<string, object> = {}) {
  return Object.fromEntries(names.map(n => [n, types[n] ?? open]));
}

const WELL_KNOWN_POLICIES = [
  'imageBuilder',
  'autoScaler',
  'awsLoadBalancerController',
  'externalDNS',
  'certManager',
  'ebsCSIController',
  'efsCSIController',
];
const wellKnownPolicies = {
  type: 'object',
  additionalProperties: false,
  properties: Object.fromEntries(WELL_KNOWN_POLICIES.map(n => [n, bool])),
};

const podIdentityAssociation = {
  type: 'object',
  additionalProperties: false,
  properties: props(
    [
      'namespace',
      'serviceAccountName',
      'roleARN',
      'createServiceAccount',
      'roleName',
      'permissionsBoundaryARN',
      'permissionPolicyARNs',
      'permissionPolicyName',
      'permissionPolicy',
      'wellKnownPolicies',
      'tags',
      'targetRoleARN',
      'disableSessionTags',
      'policy',
    ],
    {
      namespace: str,
      serviceAccountName: str,
      roleARN: str,
      createServiceAccount: bool,
      roleName: str,
      permissionPolicyARNs: strings,
      wellKnownPolicies,
      tags: stringMap,
    },
  ),
};

const addon = {
  type: 'object',
  required: ['name'],
  additionalProperties: false,
  properties: props(
    [
      'name',
      'version',
      'serviceAccountRoleARN',
      'attachPolicyARNs',
      'attachPolicy',
      'permissionsBoundary',
      'wellKnownPolicies',
      'tags',
      'resolveConflicts',
      'podIdentityAssociations',
      'useDefaultPodIdentityAssociations',
      'configurationValues',
      'namespaceConfig',
      'publishers',
      'types',
      'owners',
    ],
    {
      name: str,
      version: str,
      configurationValues: str,
      podIdentityAssociations: { type: 'array', items: podIdentityAssociation },
      useDefaultPodIdentityAssociations: bool,
    },
  ),
};

const managedNodeGroup = {
  type: 'object',
  additionalProperties: false,
  properties: props(
    [
      'name',
      'amiFamily',
      'instanceType',
      'availabilityZones',
      'subnets',
      'instancePrefix',
      'instanceName',
      'desiredCapacity',
      'minSize',
      'maxSize',
      'volumeSize',
      'ssh',
      'labels',
      'privateNetworking',
      'tags',
      'iam',
      'ami',
      'securityGroups',
      'maxPodsPerNode',
      'asgSuspendProcesses',
      'ebsOptimized',
      'volumeType',
      'volumeName',
      'volumeEncrypted',
      'volumeKmsKeyID',
      'volumeIOPS',
      'volumeThroughput',
      'additionalVolumes',
      'preBootstrapCommands',
      'overrideBootstrapCommand',
      'propagateASGTags',
      'disableIMDSv1',
      'disablePodIMDS',
      'placement',
      'efaEnabled',
      'instanceSelector',
      'bottlerocket',
      'enableDetailedMonitoring',
      'capacityReservation',
      'instanceMarketOptions',
      'outpostARN',
      'instanceTypes',
      'spot',
      'taints',
      'updateConfig',
      'launchTemplate',
      'releaseVersion',
      'nodeRepairConfig',
    ],
    {
      name: str,
      instanceType: str,
      desiredCapacity: int,
      minSize: int,
      maxSize: int,
      volumeSize: int,
      labels: stringMap,
      privateNetworking: bool,
    },
  ),
};

const fargateProfile = {
  type: 'object',
  required: ['name'],
  additionalProperties: false,
  properties: props(
    ['name', 'podExecutionRoleARN', 'selectors', 'subnets', 'tags', 'status'],
    {
      name: str,
      selectors: {
        type: 'array',
        items: {
          type: 'object',
          required: ['namespace'],
          additionalProperties: false,
          properties: { namespace: str, labels: stringMap },
        },
      },
    },
  ),
};

export const clusterConfigSchema = {
  type: 'object',
  required: ['metadata', 'kind', 'apiVersion'],
  additionalProperties: false,
  properties: props(
    [
      'kind',
      'apiVersion',
      'metadata',
      'upgradePolicy',
      'kubernetesNetworkConfig',
      'autoModeConfig',
      'remoteNetworkConfig',
      'iam',
      'iamIdentityMappings',
      'identityProviders',
      'accessConfig',
      'vpc',
      'addons',
      'addonsConfig',
      'privateCluster',
      'nodeGroups',
      'managedNodeGroups',
      'fargateProfiles',
      'availabilityZones',
      'localZones',
      'cloudWatch',
      'secretsEncryption',
      'gitops',
      'karpenter',
      'outpost',
      'controlPlaneScalingConfig',
      'zonalShiftConfig',
      'capabilities',
    ],
    {
      kind: { type: 'string', enum: ['ClusterConfig'] },
      apiVersion: { type: 'string', enum: ['eksctl.io/v1alpha5'] },
      metadata: {
        type: 'object',
        required: ['name', 'region'],
        additionalProperties: false,
        properties: props(
          [
            'name',
            'region',
            'version',
            'forceUpdateVersion',
            'rollbackConfig',
            'tags',
            'annotations',
          ],
          { name: str, region: str, version: str, tags: stringMap },
        ),
      },
      autoModeConfig: {
        type: 'object',
        additionalProperties: false,
        properties: props(
          ['enabled', 'nodeRoleARN', 'permissionsBoundaryARN', 'nodePools'],
          { enabled: bool, nodePools: strings },
        ),
      },
      iam: {
        type: 'object',
        additionalProperties: false,
        properties: props(
          [
            'serviceRoleARN',
            'serviceRolePermissionsBoundary',
            'fargatePodExecutionRoleARN',
            'fargatePodExecutionRolePermissionsBoundary',
            'withOIDC',
            'serviceAccounts',
            'podIdentityAssociations',
            'vpcResourceControllerPolicy',
          ],
          {
            withOIDC: bool,
            podIdentityAssociations: {
              type: 'array',
              items: podIdentityAssociation,
            },
          },
        ),
      },
      vpc: {
        type: 'object',
        additionalProperties: false,
        properties: props(
          [
            'id',
            'cidr',
            'ipv6Cidr',
            'ipv6Pool',
            'securityGroup',
            'subnets',
            'hostnameType',
            'extraCIDRs',
            'extraIPv6CIDRs',
            'sharedNodeSecurityGroup',
            'manageSharedNodeSecurityGroupRules',
            'autoAllocateIPv6',
            'nat',
            'clusterEndpoints',
            'publicAccessCIDRs',
            'controlPlaneSubnetIDs',
            'controlPlaneOnPrivateSubnets',
            'controlPlaneSecurityGroupIDs',
            'controlPlaneEgressMode',
          ],
          {
            cidr: str,
            nat: {
              type: 'object',
              additionalProperties: false,
              properties: {
                gateway: {
                  type: 'string',
                  enum: ['HighlyAvailable', 'Single', 'Disable'],
                },
              },
            },
          },
        ),
      },
      addons: { type: 'array', items: addon },
      managedNodeGroups: { type: 'array', items: managedNodeGroup },
      fargateProfiles: { type: 'array', items: fargateProfile },
    },
  ),
};
