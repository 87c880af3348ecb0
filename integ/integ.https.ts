/**
 * Integration test: the shared load balancer on HTTPS with a domain — a new
 * DNS-validated ACM certificate, an alias record, HTTP→HTTPS redirect, TLS 1.3.
 *
 * It needs a public Route 53 hosted zone in the test account, given by the
 * integ-runner's standard variables:
 *
 *   CDK_INTEG_HOSTED_ZONE_ID=Z0123456789ABC CDK_INTEG_HOSTED_ZONE_NAME=sandbox.example.com \
 *     npx projen integ:https:deploy
 *
 * The test serves `cdk-microservices-integ.<zone name>`. Snapshot runs (verify
 * and re-record) never read your values: integ-runner synthesizes them with its
 * own placeholders (`Z23ABC4XYZL05B`, `example.com`), so the committed snapshot
 * is the same on every machine. `npx projen integ:deploy-all` skips this test
 * when CDK_INTEG_HOSTED_ZONE_ID is not set.
 */
import { ExpectedResult, IntegTest } from '@aws-cdk/integ-tests-alpha';
import { App, Duration, Stack } from 'aws-cdk-lib';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { EnvironmentProfile, MicroserviceCluster } from '../src';

const hostedZoneId = process.env.CDK_INTEG_HOSTED_ZONE_ID;
const zoneName = process.env.CDK_INTEG_HOSTED_ZONE_NAME;
if (!hostedZoneId || !zoneName) {
  throw new Error('integ.https.ts deploys a real HTTPS endpoint and needs a public hosted zone of the test account: '
    + 'set CDK_INTEG_HOSTED_ZONE_ID and CDK_INTEG_HOSTED_ZONE_NAME (snapshot runs set placeholders themselves).');
}
const domainName = `cdk-microservices-integ.${zoneName}`;

const app = new App();
const stack = new Stack(app, 'cdk-microservices-integ-https');

const cluster = new MicroserviceCluster(stack, 'Https', {
  profile: EnvironmentProfile.DEVELOPMENT,
  domain: {
    domainName,
    hostedZone: route53.HostedZone.fromHostedZoneAttributes(stack, 'Zone', { hostedZoneId, zoneName }),
  },
});
// A fixed response is enough to create the load balancer and its listeners; no tasks, so no image pulls.
cluster.addFixedResponse('Healthz', { pathPatterns: ['/healthz'], statusCode: 200, messageBody: 'ok' });

const integ = new IntegTest(app, 'HttpsInteg', {
  testCases: [stack],
  stackUpdateWorkflow: false,
});

const wait = { totalTimeout: Duration.minutes(10), interval: Duration.seconds(20) };

// HTTPS on the domain: the certificate validated, the alias record resolves, the rule answers.
integ.assertions.httpApiCall(`https://${domainName}/healthz`)
  .expect(ExpectedResult.objectLike({ status: 200, body: 'ok' }))
  .waitForAssertions(wait);

// Unknown paths get the listener's fixed 404 over HTTPS too.
integ.assertions.httpApiCall(`https://${domainName}/no-such-route`)
  .expect(ExpectedResult.objectLike({ status: 404 }))
  .waitForAssertions(wait);

// Plain HTTP is redirected permanently, never served. `redirect: 'manual'` is passed through to
// node-fetch so the 301 itself is observed (the FetchOptions type does not declare it).
const manualRedirect = { method: 'GET', redirect: 'manual' };
integ.assertions.httpApiCall(`http://${domainName}/healthz`, manualRedirect)
  .expect(ExpectedResult.objectLike({ status: 301 }))
  .waitForAssertions(wait);

app.synth();
