/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import fs from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import { clusterConfigSchema } from './eksctlSchema';
import {
  findObject,
  K8sObject,
  kustomize,
  loadYamlFile,
  repoRoot,
} from './manifests';
import { validateWithModels } from './schemas';

// deploy/cluster/: the eksctl ClusterConfigs (managed node group with EKS Pod
// Identity; EKS Auto Mode) and the IngressClass Auto Mode needs instead of the
// AWS Load Balancer Controller. Checked offline against eksctl's schema (the
// part eksctl.io/v1alpha5 defines for the keys used), the Kubernetes schemas,
// and against what the eks overlay and deploy/iam expect.

jest.setTimeout(60_000);

const validateClusterConfig = new Ajv({
  allErrors: true,
  strict: false,
}).compile(clusterConfigSchema);
const errors = (doc: unknown) =>
  validateClusterConfig(doc)
    ? []
    : (validateClusterConfig.errors ?? []).map(
        e =>
          `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`,
      );

const [cluster] = loadYamlFile('deploy/cluster/cluster.yaml') as any[];
const [autoMode] = loadYamlFile(
  'deploy/cluster/cluster-auto-mode.yaml',
) as any[];
const ingressClassFile = loadYamlFile(
  'deploy/cluster/auto-mode-ingressclass.yaml',
);

let eks: K8sObject[];
beforeAll(async () => {
  eks = await kustomize('deploy/overlays/eks');
});

/** The overlay's settings the cluster must agree with. */
function overlay() {
  const config = findObject(eks, 'ConfigMap', 'launchpad-portal-config').data;
  const sa = findObject(eks, 'ServiceAccount', 'launchpad-portal');
  const ingress = findObject(eks, 'Ingress', 'launchpad-portal');
  return { config, sa, ingress };
}

const association = (doc: any, namespace: string, serviceAccount?: string) =>
  doc.iam.podIdentityAssociations.find(
    (a: any) =>
      a.namespace === namespace &&
      (!serviceAccount || a.serviceAccountName === serviceAccount),
  );

/** The policy name in `arn:aws:iam::<account>:policy/<name>`. */
const policyName = (arn: string) =>
  /^arn:aws:iam::\d{12}:policy\/(.+)$/.exec(arn)?.[1];

describe.each([
  ['cluster.yaml', cluster],
  ['cluster-auto-mode.yaml', autoMode],
])('deploy/cluster/%s', (_file, doc) => {
  it("validates against eksctl's ClusterConfig schema", () => {
    expect(errors(doc)).toEqual([]);
  });

  it('is the cluster the eks overlay names, in its region', () => {
    const { config } = overlay();
    expect(doc.metadata.name).toBe(config.EKS_CLUSTER_NAME);
    expect(doc.metadata.region).toBe(config.AWS_REGION);
  });

  it("gives the portal's service account its role through EKS Pod Identity, not IRSA", () => {
    const { sa } = overlay();
    expect(doc.iam.withOIDC).toBeUndefined();
    const portal = association(doc, sa.metadata.namespace!, sa.metadata.name);
    expect(portal).toMatchObject({
      serviceAccountName: sa.metadata.name,
      roleName: 'launchpad-portal',
    });
    // Argo CD owns the service account; eksctl must not create it.
    expect(portal.createServiceAccount).toBeUndefined();
    // The same role the IRSA alternative annotates.
    expect(
      fs.readFileSync(
        path.join(repoRoot, 'deploy/overlays/eks/serviceaccount-irsa.yaml'),
        'utf8',
      ),
    ).toContain(`:role/${portal.roleName}`);
  });

  it("attaches the policies of deploy/iam to the portal's and its SecretStore's roles, and nothing to the cluster-wide ESO", () => {
    const secretsReader = findObject(
      eks,
      'ServiceAccount',
      'launchpad-secrets-reader',
    );
    const expected = [
      ['launchpad-portal', 'launchpad-portal', 'portal-policy.json'],
      [
        secretsReader.metadata.name,
        'launchpad-portal-secrets',
        'external-secrets-policy.json',
      ],
    ];
    for (const [serviceAccount, name, file] of expected) {
      const a = association(doc, 'launchpad', serviceAccount);
      expect(a).toMatchObject({ roleName: name });
      expect(a.permissionPolicyARNs.map(policyName)).toEqual([name]);
      expect(fs.existsSync(path.join(repoRoot, 'deploy/iam', file))).toBe(true);
    }
    // The session tags the policy requires are this association's.
    const secretsPolicy = JSON.parse(
      fs.readFileSync(
        path.join(repoRoot, 'deploy/iam/external-secrets-policy.json'),
        'utf8',
      ),
    );
    expect(secretsPolicy.Statement[0].Condition.StringEquals).toEqual({
      'aws:PrincipalTag/eks-cluster-name': doc.metadata.name,
      'aws:PrincipalTag/kubernetes-namespace': 'launchpad',
      'aws:PrincipalTag/kubernetes-service-account': 'launchpad-secrets-reader',
    });
    expect(association(doc, 'external-secrets')).toBeUndefined();
    const policy = JSON.parse(
      fs.readFileSync(
        path.join(repoRoot, 'deploy/iam/portal-policy.json'),
        'utf8',
      ),
    );
    const describe = policy.Statement.find((s: any) =>
      [s.Action].flat().includes('eks:DescribeCluster'),
    );
    expect(describe.Resource).toBe(
      `arn:aws:eks:${doc.metadata.region}:123456789012:cluster/${doc.metadata.name}`,
    );
  });
});

describe('deploy/cluster/cluster.yaml (managed node group)', () => {
  it('installs the Pod Identity agent and enforces NetworkPolicies in the VPC CNI', () => {
    const addons = Object.fromEntries(
      cluster.addons.map((a: any) => [a.name, a]),
    );
    expect(Object.keys(addons)).toEqual(
      expect.arrayContaining([
        'eks-pod-identity-agent',
        'vpc-cni',
        'coredns',
        'kube-proxy',
      ]),
    );
    expect(JSON.parse(addons['vpc-cni'].configurationValues)).toEqual({
      enableNetworkPolicy: 'true',
    });
  });

  it('runs at least two nodes in private subnets for the two portal replicas', () => {
    const [group] = cluster.managedNodeGroups;
    expect(group.privateNetworking).toBe(true);
    expect(group.minSize).toBeGreaterThanOrEqual(2);
    expect(group.desiredCapacity).toBeGreaterThanOrEqual(group.minSize);
  });

  it('gives the AWS Load Balancer Controller its own role and service account', () => {
    expect(association(cluster, 'kube-system')).toMatchObject({
      serviceAccountName: 'aws-load-balancer-controller',
      createServiceAccount: true,
    });
    expect(
      policyName(association(cluster, 'kube-system').permissionPolicyARNs[0]),
    ).toBe('AWSLoadBalancerControllerIAMPolicy');
  });
});

describe('deploy/cluster/cluster-auto-mode.yaml', () => {
  it('lets Auto Mode run nodes, add-ons and load balancing: no node group, add-on or controller role', () => {
    expect(autoMode.autoModeConfig.enabled).toBe(true);
    expect(autoMode.managedNodeGroups).toBeUndefined();
    expect(autoMode.addons).toBeUndefined();
    expect(association(autoMode, 'kube-system')).toBeUndefined();
  });
});

describe('deploy/cluster/auto-mode-ingressclass.yaml', () => {
  it("defines the overlay's IngressClass for Auto Mode's load balancer controller", async () => {
    const { ingress } = overlay();
    const ingressClass = findObject(
      ingressClassFile,
      'IngressClass',
      ingress.spec.ingressClassName,
    );
    expect(ingressClass.spec.controller).toBe('eks.amazonaws.com/alb');
    const [result] = await validateWithModels([ingressClass]);
    expect(result).toMatchObject({ ok: true });

    const { apiGroup, kind, name } = ingressClass.spec.parameters;
    const params = findObject(ingressClassFile, kind, name);
    expect(params.apiVersion).toBe(`${apiGroup}/v1`);
    expect(params.spec.scheme).toBe(
      ingress.metadata.annotations?.['alb.ingress.kubernetes.io/scheme'],
    );
  });
});

describe('the schema check', () => {
  it('refuses a misspelt key and a missing region', () => {
    const typo = structuredClone(cluster);
    typo.iam.podIdentityAssociations[0].serviceAccount = 'x';
    expect(errors(typo).join('\n')).toMatch(
      /additional properties.*"serviceAccount"/,
    );
    const noRegion = structuredClone(cluster);
    delete noRegion.metadata.region;
    expect(errors(noRegion).join('\n')).toMatch(/region/);
  });
});
