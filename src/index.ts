export { EnvironmentProfile, CapacityStrategy } from './profiles';
export * from './cluster/microservice-cluster';
export { RouteOptions } from './cluster/routes';
export * from './service/discoverable-service';
export * from './service/autoscaled-fargate-service';
export { SecretsFromSsm, SecretsFromSsmProps } from './secrets/secrets-from-ssm';
