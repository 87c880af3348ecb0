import { internalOnlyModel, ordersService, shopModel } from './fixtures';
import {
  costInputFromModel, CostInput, estimateMonthlyCost, formatUsdPerMonth, spotShareFor,
} from '../../src/artifacts/cost';
import { HOURS_PER_MONTH, PRICES_AS_OF, REGION_PRICES } from '../../src/internal/prices';

const NOTHING: CostInput = { region: 'us-east-1', albCount: 0, natGateways: 0, publicIpv4Count: 0, tasks: [] };
const US = REGION_PRICES['us-east-1'];

function line(input: CostInput, component: string): number {
  const found = estimateMonthlyCost(input).lines.find((l) => l.component === component);
  if (found === undefined) throw new Error(`no cost line '${component}'`);
  return found.monthlyUsd;
}

describe('estimateMonthlyCost', () => {
  test('prices a Fargate task by vCPU-hours and GB-hours over 730 hours', () => {
    const input = { ...NOTHING, tasks: [{ label: 'api', cpu: 1024, memoryMiB: 2048, architecture: 'X86_64' as const, count: 1, spotShare: 0 }] };
    // 730 × (1 × 0.04048 + 2 × 0.004445) = 36.0401
    expect(line(input, 'Fargate tasks: api')).toBe(36.04);
  });

  test('scales with the task count, and ARM64 is cheaper than X86_64', () => {
    const task = { cpu: 256, memoryMiB: 512, count: 2, spotShare: 0 };
    const x86 = estimateMonthlyCost({ ...NOTHING, tasks: [{ ...task, architecture: 'X86_64' }] }).totalUsd;
    const arm = estimateMonthlyCost({ ...NOTHING, tasks: [{ ...task, architecture: 'ARM64' }] }).totalUsd;
    const one = estimateMonthlyCost({ ...NOTHING, tasks: [{ ...task, count: 1, architecture: 'X86_64' }] }).totalUsd;
    expect(x86).toBeCloseTo(2 * one, 1);
    expect(arm).toBeLessThan(x86);
    expect(arm).toBe(Math.round(2 * HOURS_PER_MONTH * (0.25 * US.fargateArmVcpuHour + 0.5 * US.fargateArmGbHour) * 100) / 100);
  });

  test('Fargate Spot costs 30 % of on-demand; MIXED keeps one on-demand task', () => {
    const task = { cpu: 1024, memoryMiB: 2048, architecture: 'X86_64' as const, count: 3 };
    const onDemand = estimateMonthlyCost({ ...NOTHING, tasks: [{ ...task, spotShare: 0 }] }).totalUsd;
    const spot = estimateMonthlyCost({ ...NOTHING, tasks: [{ ...task, spotShare: spotShareFor('SPOT', 3) }] }).totalUsd;
    const mixed = estimateMonthlyCost({ ...NOTHING, tasks: [{ ...task, spotShare: spotShareFor('MIXED', 3) }] });
    expect(spot).toBeCloseTo(onDemand * 0.3, 1);
    expect(mixed.totalUsd).toBeCloseTo(onDemand / 3 + (2 * onDemand / 3) * 0.3, 1);
    expect(mixed.lines[0].quantity).toContain('1 on-demand + 2 Spot');
  });

  test('never prices ARM64 tasks on Spot', () => {
    const task = { cpu: 512, memoryMiB: 1024, architecture: 'ARM64' as const, count: 2 };
    expect(estimateMonthlyCost({ ...NOTHING, tasks: [{ ...task, spotShare: 1 }] }).totalUsd)
      .toBe(estimateMonthlyCost({ ...NOTHING, tasks: [{ ...task, spotShare: 0 }] }).totalUsd);
  });

  test('one ALB per service costs proportionally more than one shared ALB', () => {
    const shared = line({ ...NOTHING, albCount: 1 }, 'Application Load Balancers');
    const perService = line({ ...NOTHING, albCount: 5 }, 'Application Load Balancers');
    expect(shared).toBe(16.43); // 0.0225 × 730
    expect(perService).toBe(82.13); // 5 × 0.0225 × 730 = 82.125
    expect(line({ ...NOTHING, albCount: 5 }, 'ALB capacity units (LCU)')).toBe(29.2); // 5 × 0.008 × 730
    expect(line({ ...NOTHING, albCount: 2, lcuPerAlb: 0.5 }, 'ALB capacity units (LCU)')).toBe(5.84);
  });

  test('prices NAT gateways and public IPv4 addresses by the hour', () => {
    expect(line({ ...NOTHING, natGateways: 3 }, 'NAT gateways')).toBe(98.55); // 3 × 0.045 × 730
    expect(line({ ...NOTHING, publicIpv4Count: 1 }, 'Public IPv4 addresses')).toBe(3.65); // 0.005 × 730
  });

  test('prices Cloud Map instances and hosted zones by the month', () => {
    const input = { ...NOTHING, cloudMapNamespaces: 1, cloudMapInstances: 10, hostedZones: 2 };
    expect(line(input, 'Cloud Map registered instances')).toBe(1);
    expect(line(input, 'Route 53 private hosted zones (Cloud Map namespaces)')).toBe(0.5);
    expect(line(input, 'Route 53 public hosted zones')).toBe(1);
  });

  test('leaves out components with a zero quantity', () => {
    expect(estimateMonthlyCost(NOTHING).lines).toEqual([]);
    expect(estimateMonthlyCost(NOTHING).totalUsd).toBe(0);
  });

  test('uses the prices of the Region when it is in the table', () => {
    expect(line({ ...NOTHING, region: 'eu-west-1', albCount: 1 }, 'Application Load Balancers')).toBe(18.4); // 0.0252 × 730
    expect(estimateMonthlyCost({ ...NOTHING, region: 'eu-west-1' }).priceRegion).toBe('eu-west-1');
  });

  test('falls back to us-east-1 prices and says so', () => {
    const unknown = estimateMonthlyCost({ ...NOTHING, region: 'ap-southeast-7', albCount: 1 });
    expect(unknown.priceRegion).toBe('us-east-1');
    expect(unknown.assumptions[0]).toContain('ap-southeast-7 is not in the price table');
    const agnostic = estimateMonthlyCost({ ...NOTHING, region: undefined });
    expect(agnostic.assumptions[0]).toContain('not known at synth time');
  });

  test('states the price date and its assumptions', () => {
    const estimate = estimateMonthlyCost({ ...NOTHING, albCount: 1 });
    expect(estimate.pricesAsOf).toBe(PRICES_AS_OF);
    expect(estimate.assumptions.join('\n')).toMatch(/730 hours per month[\s\S]*Spot[\s\S]*LCU[\s\S]*Not included: data transfer/);
  });

  test('the total is the sum of the rounded lines', () => {
    const estimate = estimateMonthlyCost(costInputFromModel(shopModel()));
    const sum = estimate.lines.reduce((s, l) => s + l.monthlyUsd, 0);
    expect(estimate.totalUsd).toBeCloseTo(sum, 10);
  });

  test('rejects negative counts and spot shares outside 0–1, naming each field', () => {
    expect(() => estimateMonthlyCost({ ...NOTHING, albCount: -1, tasks: [{ cpu: 256, memoryMiB: 512, architecture: 'X86_64', count: 1, spotShare: 2 }] }))
      .toThrow(/albCount must be a finite number ≥ 0, got -1[\s\S]*tasks\[0\]\.spotShare must be between 0 and 1, got 2/);
  });
});

describe('formatUsdPerMonth', () => {
  test.each([
    [123.45, '$123.45 / month'],
    [0, '$0.00 / month'],
    [1234.5, '$1234.50 / month'],
    [0.005, '$0.01 / month'],
  ])('%p → %p', (usd, expected) => {
    expect(formatUsdPerMonth(usd)).toBe(expected);
  });
});

describe('spotShareFor', () => {
  test.each([
    ['SPOT', 4, 1],
    ['MIXED', 4, 0.75],
    ['MIXED', 1, 0],
    ['ON_DEMAND', 4, 0],
    ['SPOT', 0, 0],
  ] as const)('%s with %d tasks → %p', (capacity, count, share) => {
    expect(spotShareFor(capacity, count)).toBe(share);
  });

  test('is 0 for ARM64', () => {
    expect(spotShareFor('SPOT', 3, 'ARM64')).toBe(0);
  });
});

describe('costInputFromModel', () => {
  test('counts the shared ALB, its public addresses per AZ, NAT gateways and tasks at minimum capacity', () => {
    const input = costInputFromModel(shopModel());
    expect(input).toMatchObject({
      region: 'us-east-1',
      albCount: 1,
      natGateways: 3,
      publicIpv4Count: 6, // 3 ALB AZs + 3 NAT EIPs
      cloudMapNamespaces: 1,
      cloudMapInstances: 14, // (2 + 2 + 3 tasks) × 2 registrations
      hostedZones: 1,
    });
    expect(input.tasks.map((t) => [t.label, t.count, t.spotShare])).toEqual([
      ['orders', 2, 0],
      ['payments', 3, 2 / 3],
      ['web', 2, 0],
    ]);
  });

  test('an internal-only cluster has no ALB and only the NAT addresses', () => {
    const input = costInputFromModel(internalOnlyModel());
    expect(input.albCount).toBe(0);
    expect(input.publicIpv4Count).toBe(3);
  });

  test('an imported VPC adds no NAT gateway and assumes 2 AZs for the ALB', () => {
    const input = costInputFromModel(shopModel({ vpc: undefined }));
    expect(input.natGateways).toBe(0);
    expect(input.publicIpv4Count).toBe(2);
  });

  test('uses desiredCount for a service without autoscaling', () => {
    const input = costInputFromModel(shopModel({ services: [ordersService({ scaling: undefined, desiredCount: 5 })] }));
    expect(input.tasks[0].count).toBe(5);
  });

  test('the estimate follows the minimum capacity', () => {
    const small = estimateMonthlyCost(costInputFromModel(shopModel({ services: [ordersService()] }))).totalUsd;
    const large = estimateMonthlyCost(costInputFromModel(shopModel({
      services: [ordersService({ scaling: { minCapacity: 6, maxCapacity: 10, triggers: [] } })],
    }))).totalUsd;
    expect(large).toBeGreaterThan(small);
  });
});
