import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { buildShopApp } from '../../examples/shop';
import { EnvironmentProfile } from '../../src';

export const PROFILES = [EnvironmentProfile.DEVELOPMENT, EnvironmentProfile.STAGING, EnvironmentProfile.PRODUCTION] as const;

/** A CloudFormation resource, typed loosely. */
export interface CfnResourceJson {
  readonly Type: string;
  readonly Properties?: { readonly [key: string]: unknown };
}

/** One synthesized stack of the example shop. */
export interface ShopProfile {
  readonly profile: EnvironmentProfile;
  readonly stack: Stack;
  readonly template: { readonly Resources: { readonly [logicalId: string]: CfnResourceJson } };
  /** The template file in the cloud assembly (for command-line scanners). */
  readonly templateFile: string;
}

/**
 * The example shop (examples/shop.ts), one stack per profile, synthesized once
 * into a temporary directory. Call it in `beforeAll`.
 */
export function synthesizeShop(): { readonly app: App; readonly profiles: readonly ShopProfile[] } {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'shop-security-'));
  const app = new App({ outdir });
  const stacks = buildShopApp(app);
  const assembly = app.synth();
  const profiles = stacks.map((stack) => {
    const artifact = assembly.getStackByName(stack.stackName);
    const profile = PROFILES.find((p) => stack.stackName.toUpperCase().endsWith(p))!;
    return { profile, stack, template: artifact.template, templateFile: artifact.templateFullPath };
  });
  return { app, profiles };
}

/** An imported 2-AZ VPC with public and private subnets: a cluster on it synthesizes no VPC resources. */
export function importedVpc(stack: Stack): ec2.IVpc {
  return ec2.Vpc.fromVpcAttributes(stack, 'Vpc', {
    vpcId: 'vpc-1',
    availabilityZones: ['eu-west-1a', 'eu-west-1b'],
    publicSubnetIds: ['subnet-pub1', 'subnet-pub2'],
    privateSubnetIds: ['subnet-priv1', 'subnet-priv2'],
  });
}
