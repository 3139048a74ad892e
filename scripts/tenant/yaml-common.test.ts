import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeGeneratedTenant } from '../bench/generated-tenant';
import { maskPlaceholders } from './placeholders';
import { parseCommonYaml } from './yaml-common';
import { parseWithYaml } from './yaml-file';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const reference = path.resolve(repoRoot, '../shared/reference');

/** Where this repository keeps YAML: the tenant, the workflows, test fixtures and the scripts' own. */
const YAML_FOLDERS = ['tenant', '.github', 'test', 'scripts'];

const yamlFilesIn = (folder: string) =>
  readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.ya?ml$/.test(file))
    .map((file) => path.join(folder, file));

/** The quick reader's answer for a file, or undefined where it leaves the file to `yaml`. */
function quickRead(text: string, file = 'tenant.yaml') {
  const masked = maskPlaceholders(text);
  return parseCommonYaml(masked.text, file, masked.unmask, () => true);
}

/** Both readers on one file: where the quick one reads it, it reads what `yaml` reads, at the same places. */
function expectSameAsYaml(text: string, file = 'tenant.yaml'): 'same' | 'left to yaml' {
  const quick = quickRead(text, file);
  if (quick === undefined) return 'left to yaml';
  const full = parseWithYaml(text, file);
  expect(full.problems).toEqual([]);
  // Key order too: the build writes keys in the order they were read.
  expect(JSON.stringify(quick.data)).toBe(JSON.stringify(full.data));
  expect(quick.data).toStrictEqual(full.data);
  expect(quick.sources).toStrictEqual(full.sources);
  expect(quick.placeholderPointers).toStrictEqual(full.placeholderPointers);
  return 'same';
}

const READ_ALIKE: Record<string, string> = {
  'quoted, block and folded scalars':
    "a: 'it''s'\nb: \"tab\\there \\u00e9\"\nc: |\n  line one\n  line two\nd: >-\n  folded\n  text\n\ne: |+\n  kept\n\nf: plain\n  over two lines\n",
  'core-schema numbers, booleans and nulls':
    'a: 0o14\nb: 0x1F\nc: 1e3\nd: .5\ne: +1\nf: -0\ng: 1_000\nh: 0b101\ni: 012\nj: .inf\nk: ~\nl: Null\nm: yes\nn: on\no: True\np: 2026-12-01\nq: 1.0\nr: 12:30\n',
  'quoted keys and keys with spaces': '"quoted key": 1\n\'single\': 2\nwith space: 3\n',
  'lists in every block form':
    "top:\n- a\n- b\nnested:\n  - - x\n    - y\n  - name: SPA\n    id: 1\nflow: [a, 'b', 1, [c], []]\nempty: []\n",
  'comments, blank lines and trailing spaces':
    '# header\n\nclients:   # the apps\n  - name: SPA  \n    # between\n    callbacks:\n      - https://x.example.com/#frag # trailing\n',
  'CRLF line ends': 'tenant:\r\n  friendly_name: Acme\r\n  flags:\r\n    - a\r\n',
  'empty values, with and without a comment': 'a:\nb: # later\nc:   \nd: 1\n',
  'a value on the line below its key': 'a:\n  indented value\nb:\n  "quoted below"\n',
  'markers, plain and quoted':
    'tenant:\n  friendly_name: The ##COMPANY## tenant\n  lifetime: ##LIFETIME##\n  quoted: "##LIFETIME##"\n  locales: @@LANGUAGES@@\n',
  'a leading document marker': '---\nclients: []\n',
  'a list, or a scalar, at the top': '- a\n- b: 1\n',
  'colons and hashes inside values': 'a: "x: y"\nb: a:b\nc: \'not # a comment\'\nd: x #y\n',
  'text beyond the basic plane': 'name: café ☕ 😀\nnext: 😀 x\n',
  'deep nesting': 'a:\n  b:\n    c:\n      d:\n        - e:\n            f: [g]\n',
};

const LEFT_TO_YAML: Record<string, string> = {
  'anchors and aliases': 'base: &b\n  x: 1\nother: *b\n',
  'merge keys': 'base: &b\n  x: 1\nother:\n  <<: *b\n  y: 2\n',
  'a merge key written out': 'other:\n  <<:\n    x: 1\n',
  tags: 'a: !!str 1\n',
  directives: '%YAML 1.2\n---\na: 1\n',
  'two documents': 'a: 1\n---\nb: 2\n',
  'flow mappings': 'a: {b: 1}\n',
  'explicit keys': '? a\n: 1\n',
  'keys that are not text': '1: a\ntrue: b\n',
  'an empty list item': 'a:\n  -\n  - b\n',
  'duplicate keys': 'a: 1\na: 2\n',
  'a syntax error': 'a: [1\n',
  'a NaN': 'a: .nan\n',
  'a byte order mark': '\uFEFFa: 1\n',
  'only comments': '# nothing\n',
  // Found by an adversarial pass: js-yaml reads these, where yaml refuses them or reads them otherwise.
  'a comment right after a quote': "a: 'x'#c\n",
  'a comment right after a flow list': 'a: [x]#c\n',
  'a key over 1,024 characters': `${'k'.repeat(1025)}: 1\n`,
  'a flow list whose next line is not indented': 'a: [x,\ny]\n',
  'a blank line holding a tab after a block scalar': 'a: |\n  x\n\t\n',
  'a last line of spaces with no line break': 'a: |+\n  x\n  ',
  'a block scalar with an indentation indicator': 'a: |1\n   \n',
  'a block scalar at the top with an indentation indicator': '|2\n  x\n',
};

describe('the quick YAML reader', () => {
  for (const [story, text] of Object.entries(READ_ALIKE)) {
    it(`reads ${story} as yaml does, with the same positions`, () => {
      expect(expectSameAsYaml(text)).toBe('same');
    });
  }

  for (const [story, text] of Object.entries(LEFT_TO_YAML)) {
    it(`leaves ${story} to yaml`, () => {
      expect(quickRead(text)).toBeUndefined();
    });
  }

  it('leaves a key the caller refuses to yaml, whose path gives the message', () => {
    const masked = maskPlaceholders('tenant:\n  constructor: 1\n');
    expect(parseCommonYaml(masked.text, 'tenant.yaml', masked.unmask, (key) => key !== 'constructor')).toBe(
      undefined,
    );
  });

  it('reads every YAML file of this repository as yaml does', () => {
    const files = YAML_FOLDERS.flatMap((folder) => yamlFilesIn(path.join(repoRoot, folder)));
    expect(files.length).toBeGreaterThan(40);
    const outcomes = files.map((file) => expectSameAsYaml(readFileSync(file, 'utf8'), file));
    // Most of them: the rest use anchors or flow mappings (workflows, fixtures of mistakes).
    expect(outcomes.filter((outcome) => outcome === 'same').length).toBeGreaterThan(files.length / 2);
  });

  it('reads a generated tenant of 300 clients as yaml does', async () => {
    const generated = await writeGeneratedTenant({
      clients: 300,
      connections: 50,
      apis: 20,
      organizations: 100,
    });
    try {
      const text = readFileSync(path.join(generated.dir, 'tenant.yaml'), 'utf8');
      expect(expectSameAsYaml(text)).toBe('same');
    } finally {
      await generated.remove();
    }
  });

  it.skipIf(!existsSync(reference))('reads the real tenant files of ../shared/reference as yaml does', () => {
    const files = yamlFilesIn(reference);
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) expectSameAsYaml(readFileSync(file, 'utf8'), file);
  });
});
