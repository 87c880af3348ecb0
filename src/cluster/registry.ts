import { IConstruct } from 'constructs';
import { RouteActionModel, ServiceModel } from '../artifacts/model';

// Services describe themselves in the artifacts' model; they reach it through the cluster's registry.
export type { ImageModel, ServiceModel } from '../artifacts/model';

/**
 * What the cluster knows of a service: its name, where it lives, and how to
 * describe itself for the artifacts. The cluster never imports `src/service/`.
 * Internal: not part of the public API.
 */
export interface ServiceRegistration {
  /** The service construct (for error messages and stack lookups). */
  readonly construct: IConstruct;
  /** The service's DNS label, unique in the cluster. */
  readonly serviceName: string;
  /** Describes the service when the artifacts are written (after every connectTo / addParameter). */
  describe(): ServiceModel;
}

/** A listener rule on the shared ALB, as the cluster's allocator registered it. */
export interface RouteRegistration {
  /** The construct that owns the rule (a service, or the cluster for its own routes). */
  readonly owner: IConstruct;
  readonly hostHeaders: readonly string[];
  readonly pathPatterns: readonly string[];
  readonly priority: number;
  /** True when the user gave the priority. */
  readonly explicitPriority: boolean;
  readonly action: () => RouteActionModel;
}
