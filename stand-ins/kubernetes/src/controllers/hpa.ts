/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */

// HorizontalPodAutoscalers: autoscaling/v1 served as v2, and a status with current metrics and conditions.

import { ResourceType } from '../resources';
import { KubeObject, StoredEntry } from '../store';
import { Condition, digest, withCondition } from '../objects';
import { ControllerContext, T } from './context';

/**
 * The API server serves autoscaling/v1 HPAs as autoscaling/v2; convert like it
 * does (targetCPUUtilizationPercentage becomes a CPU utilization metric).
 */
export function convertHpaV1(object: KubeObject) {
  const { targetCPUUtilizationPercentage, ...spec } = object.spec ?? {};
  object.apiVersion = 'autoscaling/v2';
  object.spec = {
    ...spec,
    ...(targetCPUUtilizationPercentage !== undefined && {
      metrics: [
        {
          type: 'Resource',
          resource: {
            name: 'cpu',
            target: {
              type: 'Utilization',
              averageUtilization: targetCPUUtilizationPercentage,
            },
          },
        },
      ],
    }),
  };
}

function quantityMillis(q: unknown): number | undefined {
  if (q === undefined || q === null) return undefined;
  const s = String(q);
  if (s.endsWith('m')) return Number(s.slice(0, -1));
  return Number(s) * 1000;
}

export function reconcileHpa(ctx: ControllerContext, entry: StoredEntry) {
  const hpa = entry.object;
  const ref = hpa.spec?.scaleTargetRef ?? {};
  const targetTypes: Record<string, ResourceType> = {
    Deployment: T.deployments,
    StatefulSet: T.statefulsets,
  };
  const targetType: ResourceType | undefined = targetTypes[ref.kind];
  const target = targetType
    ? ctx.store.get(targetType, hpa.metadata.namespace, ref.name)
    : undefined;
  ctx.update(entry, o => {
    if (!target) {
      o.status = {
        currentReplicas: 0,
        desiredReplicas: 0,
        conditions: withCondition(o.status?.conditions, {
          type: 'AbleToScale',
          status: 'False',
          reason: 'FailedGetScale',
          message: `the HPA controller was unable to get the target's current scale: ${
            targetType
              ? `${targetType.plural}/scale.apps "${ref.name}" not found`
              : `no matches for kind "${ref.kind}"`
          }`,
        }),
      };
      return;
    }
    const current = target.object.status?.replicas ?? 0;
    const desired = target.object.spec?.replicas ?? 1;
    const currentMetrics = (o.spec?.metrics ?? [])
      .filter((m: any) => m.type === 'Resource' && m.resource?.name)
      .map((m: any) => {
        const name = m.resource.name;
        const utilization =
          10 + (digest(`${target.object.metadata.uid}/${name}`)[0] % 30);
        const request = (target.object.spec?.template?.spec?.containers ?? [])
          .map((c: any) =>
            name === 'cpu'
              ? quantityMillis(c.resources?.requests?.cpu)
              : undefined,
          )
          .find((v: number | undefined) => v !== undefined);
        return {
          type: 'Resource',
          resource: {
            name,
            current: {
              averageUtilization: utilization,
              averageValue:
                name === 'cpu'
                  ? `${Math.round(((request ?? 100) * utilization) / 100)}m`
                  : `${Math.round((128 * utilization) / 100)}Mi`,
            },
          },
        };
      });
    let conditions = withCondition(o.status?.conditions, {
      type: 'AbleToScale',
      status: 'True',
      reason: 'ReadyForNewScale',
      message: 'recommended size matches current size',
    });
    conditions = withCondition(conditions, {
      type: 'ScalingActive',
      status: 'True',
      reason: 'ValidMetricFound',
      message:
        'the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)',
    });
    const min = o.spec.minReplicas ?? 1;
    const tooFew = desired <= min;
    const tooMany = !tooFew && desired >= o.spec.maxReplicas;
    let limit: Condition = {
      type: 'ScalingLimited',
      status: 'False',
      reason: 'DesiredWithinRange',
      message: 'the desired count is within the acceptable range',
    };
    if (tooFew || tooMany) {
      limit = {
        type: 'ScalingLimited',
        status: 'True',
        reason: tooFew ? 'TooFewReplicas' : 'TooManyReplicas',
        message: `the desired replica count is ${
          tooFew ? 'less' : 'more'
        } than the ${tooFew ? 'minimum' : 'maximum'} replica count`,
      };
    }
    conditions = withCondition(conditions, limit);
    o.status = {
      currentReplicas: current,
      desiredReplicas: desired,
      ...(currentMetrics.length && { currentMetrics }),
      conditions,
    };
  });
}
