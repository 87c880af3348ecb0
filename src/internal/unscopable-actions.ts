/**
 * The IAM actions AWS cannot scope to a resource, so a statement granting them
 * must say `Resource: *`. This is the one list in the library: a `Resource: *`
 * statement on a role the library creates may hold these actions and nothing
 * else (the test suite asserts it, and only such statements are acknowledged
 * for cdk-nag's AwsSolutions-IAM5).
 *
 * @see https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonsessionmanagermessagegatewayservice.html
 * @see https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazoncloudwatchlogs.html
 * @see https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonelasticcontainerregistry.html
 */
export const UNSCOPABLE_ACTIONS: readonly string[] = [
  // ECS Exec: the SSM agent's channels (task role).
  'ssmmessages:CreateControlChannel',
  'ssmmessages:CreateDataChannel',
  'ssmmessages:OpenControlChannel',
  'ssmmessages:OpenDataChannel',
  // ECS Exec: the agent checks that the session log group exists (task role).
  'logs:DescribeLogGroups',
  // Pulling an image from ECR (execution role).
  'ecr:GetAuthorizationToken',
];

/** The actions ECS Exec needs on every resource (a subset of UNSCOPABLE_ACTIONS). */
export const ECS_EXEC_UNSCOPABLE_ACTIONS: readonly string[] = UNSCOPABLE_ACTIONS.filter((a) => a !== 'ecr:GetAuthorizationToken');

/** True when every action is in `UNSCOPABLE_ACTIONS` (and there is at least one). */
export function onlyUnscopableActions(actions: readonly string[]): boolean {
  return actions.length > 0 && actions.every((a) => UNSCOPABLE_ACTIONS.includes(a));
}
