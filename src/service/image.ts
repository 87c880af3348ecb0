// aws-ecr-assets loads lazily (through aws-cdk-lib's index): most apps pull registry images.
import { AssetStaging, Token, aws_ecr_assets as ecrAssets } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { ImageModel } from '../cluster/registry';

/**
 * How the container's image is built or pulled, for the docker-compose file:
 * a registry name, or the staged Docker build context of an asset image.
 */
export function describeImage(taskDefinition: ecs.TaskDefinition, container: ecs.ContainerDefinition): ImageModel {
  if (!Token.isUnresolved(container.imageName)) {
    return { registryName: container.imageName };
  }
  const asset = taskDefinition.node.findAll().find((c): c is ecrAssets.DockerImageAsset => c instanceof ecrAssets.DockerImageAsset);
  const staging = asset?.node.tryFindChild('Staging');
  if (staging instanceof AssetStaging) {
    return { assetDirectory: staging.absoluteStagedPath };
  }
  return { description: 'an image resolved at deploy time (ECR repository or token)' };
}
