import { IConstruct } from 'constructs';

/**
 * Feature flags whose value changes the resources this library creates. They
 * are pinned on the library's own constructs, so a user's `cdk.json` can
 * neither change nor replace them (the nearest context value wins).
 *
 * `@aws-cdk/core:enablePartitionLiterals` (`arn:aws:` vs the partition
 * reference) cannot be pinned this way: aws-cdk-lib reads it from the Stack. It
 * changes how ARNs are written, not what is deployed, and replaces nothing.
 */
export const PINNED_FEATURE_FLAGS: { readonly [flag: string]: boolean } = {
  // Deployment controller: set explicitly (ECS) with the circuit breaker.
  '@aws-cdk/aws-ecs:disableExplicitDeploymentControllerForCircuitBreaker': true,
  // No empty DeploymentAlarms block on services.
  '@aws-cdk/aws-ecs:removeDefaultDeploymentAlarm': true,
  // ECS Exec and awslogs permissions scoped to the service's log groups.
  '@aws-cdk/aws-ecs:reduceEc2FargateCloudWatchPermissions': true,
  '@aws-cdk/aws-ecs:arnFormatIncludesClusterName': true,
  // Statement merging in the policies of the library's roles (read where each policy is rendered).
  '@aws-cdk/aws-iam:minimizePolicies': true,
  // The ALB access-log bucket's policy shape.
  '@aws-cdk/aws-s3:createDefaultLoggingPolicy': true,
  '@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy': true,
  // No custom resource (and Lambda) in every VPC unless asked for (MicroserviceCluster restrictDefaultSecurityGroup).
  '@aws-cdk/aws-ec2:restrictDefaultSecurityGroup': false,
};

/** Pins the flags on `scope`. Must run before `scope` gets children. */
export function pinFeatureFlags(scope: IConstruct): void {
  for (const [flag, value] of Object.entries(PINNED_FEATURE_FLAGS)) {
    scope.node.setContext(flag, value);
  }
}
