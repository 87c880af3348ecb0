import { spawnSync } from 'child_process';
import { quoteYamlString, toYaml, YamlMap } from '../../src/artifacts/yaml';

/** PyYAML is what docker-compose 1.x parses with; CI has it with docker-compose. */
const pyYamlAvailable = spawnSync('python3', ['-c', 'import yaml'], { stdio: 'ignore' }).status === 0;
if (!pyYamlAvailable) {
  // eslint-disable-next-line no-console
  console.warn('skipping the PyYAML round-trip test: python3 with the yaml module is not on PATH');
}

function parseWithPyYaml(document: string): unknown {
  const result = spawnSync('python3', ['-c', 'import json, sys, yaml; print(json.dumps(yaml.safe_load(sys.stdin)))'], { input: document, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(result.stderr);
  return JSON.parse(result.stdout);
}

const TRICKY: YamlMap = {
  services: {
    'on': 'yes',
    'NO': 'null',
    'with space': '# not a comment',
    'x': ['- item', 'a: b', '*alias', '&anchor', '!tag', '%percent', '@at', '`tick', '{flow}', '[list]', "'single'", '"double"'],
    'numbers': ['1', '0x10', '1e3', '.inf', '010', 1.5, 0, -3],
    'booleans': [true, false, 'true', 'off'],
    'multi': 'line one\nline two\ttab\r',
    'unicode': 'café ☕ 𝄞 \u2028 \u0000 \u007f',
    'backslash': 'C:\\path\\$HOME',
    'empty': '',
    'emptyList': [],
    'emptyMap': {},
    'nested': [{ a: 'b', c: ['d'] }, ['inner']],
    'skipped': undefined,
  },
};

describe('toYaml', () => {
  test('writes block maps, flow lists of scalars and quoted strings', () => {
    expect(toYaml({ services: { web: { image: 'nginx', ports: ['80'], cpus: 0.5, read_only: true } } })).toBe([
      'services:',
      '  web:',
      '    image: "nginx"',
      '    ports: ["80"]',
      '    cpus: 0.5',
      '    read_only: true',
      '',
    ].join('\n'));
  });

  test('quotes keys YAML 1.1 would read as booleans or that are not plain', () => {
    const yaml = toYaml({ 'on': 'x', 'Yes': 'y', 'DB_PASSWORD': 'z', 'a b': 'w' });
    expect(yaml).toContain('"on": "x"');
    expect(yaml).toContain('"Yes": "y"');
    expect(yaml).toContain('DB_PASSWORD: "z"');
    expect(yaml).toContain('"a b": "w"');
  });

  test('leaves out undefined values and keeps insertion order', () => {
    expect(toYaml({ b: '1', a: undefined, c: '2' })).toBe('b: "1"\nc: "2"\n');
  });

  test('escapes every non-printable and non-ASCII character', () => {
    expect(quoteYamlString('a"b\\c\nd\u2028é𝄞')).toBe('"a\\"b\\\\c\\nd\\u2028\\u00e9\\U0001d11e"');
  });

  (pyYamlAvailable ? test : test.skip)('round-trips tricky values through PyYAML unchanged', () => {
    const expected = JSON.parse(JSON.stringify(TRICKY));
    expect(parseWithPyYaml(toYaml(TRICKY))).toEqual(expected);
  });
});
