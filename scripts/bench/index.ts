/**
 * `npm run bench`: every benchmark section in one run, figures printed. Each section is a module under
 * scripts/bench/ exporting `bench(): Promise<void>`; add yours to the list below.
 * `npm run bench -- <name>...` runs only the named sections; options (`--name=value`) are handed to every
 * section, which reads those it knows (e.g. scale-deploy's `--tenant-size=0.1`).
 */
export interface Section {
  name: string;
  load: () => Promise<{ bench: (argv: readonly string[]) => Promise<void> }>;
}

const SECTIONS: Section[] = [
  { name: 'actions', load: () => import('./actions') },
  { name: 'build', load: () => import('./build') },
  { name: 'login', load: () => import('./login') },
  { name: 'deploy', load: () => import('./deploy') },
  { name: 'scale', load: () => import('./scale') },
  { name: 'scale-deploy', load: () => import('./scale-deploy') },
];

async function main(argv: string[]): Promise<number> {
  const wanted = new Set(argv.filter((arg) => !arg.startsWith('-')));
  const unknown = [...wanted].filter((name) => !SECTIONS.some((section) => section.name === name));
  if (unknown.length > 0) {
    process.stderr.write(
      `error: unknown bench section(s) ${unknown.join(', ')}; known: ${SECTIONS.map((s) => s.name).join(', ')}\n`,
    );
    return 1;
  }
  for (const section of SECTIONS) {
    if (wanted.size > 0 && !wanted.has(section.name)) continue;
    const { bench } = await section.load();
    await bench(argv.filter((arg) => arg.startsWith('-')));
  }
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
