export { EnvironmentProfile, CapacityStrategy } from './profiles';
export * from './cluster/microservice-cluster';
export * from './cluster/routes';
export * from './service/discoverable-service';
export * from './service/autoscaled-fargate-service';
export * from './secrets/secrets-from-ssm';
