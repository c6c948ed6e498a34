/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Create an Application with automated sync that deploys the kustomize overlay of a freshly published repository to a named EKS cluster',
    example: yaml.stringify({
      steps: [
        {
          id: 'argocd',
          action: 'argocd:app:create',
          name: 'Create Argo CD Application',
          input: {
            instance: 'production',
            appName: 'shop-api',
            project: 'team-shop',
            repoUrl: 'https://github.com/acme/shop-api.git',
            path: 'deploy/overlays/eks',
            targetRevision: 'main',
            destinationName: 'eks-prod-eu-west-1',
            namespace: 'shop',
            automatedSync: true,
            prune: true,
            selfHeal: true,
            createNamespace: true,
            labels: {
              'backstage.io/kubernetes-id': 'shop-api',
            },
          },
        },
      ],
    }),
  },
  {
    description:
      'Update an existing Application to follow a release branch, addressing the cluster by its API server URL',
    example: yaml.stringify({
      steps: [
        {
          id: 'argocd',
          action: 'argocd:app:create',
          name: 'Point the Application at the release branch',
          input: {
            appName: 'shop-api',
            project: 'team-shop',
            repoUrl: 'https://github.com/acme/shop-api.git',
            path: 'deploy/overlays/eks',
            targetRevision: 'release-1.4',
            destinationServer:
              'https://0123456789ABCDEF.gr7.eu-west-1.eks.amazonaws.com',
            namespace: 'shop',
            upsert: true,
          },
        },
      ],
    }),
  },
];
