import { Stack, Stage, attachCustomSynthesis } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { ClusterModel } from '../artifacts/model';
import { writeClusterArtifacts } from '../artifacts/writer';

interface ClusterEntry {
  readonly cluster: Construct;
  readonly describe: () => ClusterModel;
}

/** Clusters per Stage; the Stage writes their artifacts after its stacks' templates. */
const CLUSTERS_BY_STAGE = new WeakMap<Stage, ClusterEntry[]>();

/**
 * Writes the cluster's docker-compose file and topology report into its
 * Stage's cloud assembly directory at synth. The hook sits on the Stage
 * itself, which synthesis visits after all of its stacks, so the templates the
 * report reads are already written.
 */
export function registerClusterArtifacts(cluster: Construct, describe: () => ClusterModel): void {
  const stage = Stage.of(cluster);
  if (!stage) {
    return;
  }
  let entries = CLUSTERS_BY_STAGE.get(stage);
  if (!entries) {
    const list: ClusterEntry[] = [];
    entries = list;
    CLUSTERS_BY_STAGE.set(stage, list);
    attachCustomSynthesis(stage, { onSynthesize: (session) => writeAll(session.outdir, list) });
  }
  entries.push({ cluster, describe });
}

function writeAll(outdir: string, entries: readonly ClusterEntry[]): void {
  const idCounts = new Map<string, number>();
  for (const e of entries) {
    idCounts.set(e.cluster.node.id, (idCounts.get(e.cluster.node.id) ?? 0) + 1);
  }
  for (const e of entries) {
    const id = e.cluster.node.id;
    const baseName = idCounts.get(id)! > 1 ? `${Stack.of(e.cluster).stackName}.${id}` : id;
    writeClusterArtifacts({ outdir, baseName, model: e.describe() });
  }
}
