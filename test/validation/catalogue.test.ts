import { CONSTRUCTS, CatalogueContext, INVALID_INPUTS, VALID_INPUTS, ValidInput, errorOf } from './catalogue';

describe('the catalogue of invalid inputs', () => {
  test('has at least 40 rows, at least 5 per construct', () => {
    expect(INVALID_INPUTS.length).toBeGreaterThanOrEqual(40);
    for (const construct of CONSTRUCTS) {
      expect(INVALID_INPUTS.filter((row) => row.construct === construct).length).toBeGreaterThanOrEqual(5);
    }
  });

  test('states each rule once', () => {
    const rules = INVALID_INPUTS.map((row) => `${row.construct}: ${row.rule}`);
    expect(rules.filter((rule, i) => rules.indexOf(rule) !== i)).toEqual([]);
  });
});

describe.each(CONSTRUCTS)('%s rejects', (construct) => {
  const rows = INVALID_INPUTS.filter((row) => row.construct === construct);

  test.each(rows.map((row) => [row.rule, row] as const))('%s', (_rule, row) => {
    const error = errorOf(row);

    expect(error).toBeDefined();
    const { when, message } = error!;
    expect(when).toBe(row.when);
    if (when === 'create') {
      // The library's format: [cdk-microservices] invalid <Kind> at '<path>':\n  - <prop>: <value> ...
      expect(message).toMatch(/^\[cdk-microservices\] invalid [A-Za-z. ]+ at '/);
      expect(message).toContain(`at '${row.path}':\n  - `);
    } else {
      // node.addValidation errors: CDK prefixes each with the construct path.
      expect(message).toContain(`[${row.path}] `);
    }
    const [prop, value, fix] = row.expect;
    expect(message).toContain(prop);
    expect(message).toContain(value);
    expect(message).toContain(fix);
    // The value belongs to the problem that names the prop, not to another line of the message.
    expect(message.split('\n').filter((line) => line.includes(prop) && line.includes(value))).not.toEqual([]);
  });
});

describe.each(CONSTRUCTS)('%s accepts', (construct) => {
  const rows = VALID_INPUTS.filter((row) => row.construct === construct);
  const synthesize = (row: ValidInput) => () => {
    const ctx = new CatalogueContext();
    row.build(ctx);
    ctx.app.synth();
  };

  test.each(rows.map((row) => [row.description, row] as const))('%s', (_description, row) => {
    expect(synthesize(row)).not.toThrow();
  });
});
