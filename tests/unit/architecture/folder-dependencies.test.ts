/**
 * The main process's folders depend on each other in one direction (DESIGN.md): read from the
 * imports themselves, so a shortcut back up (enforcement reaching into the gateway or the service,
 * the engine into config) fails here rather than in review.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const MAIN = path.resolve(__dirname, '../../../src/main');

/** Folder → the other folders of src/main its files import from (relative imports, type-only included). */
function folderImports(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of fs.readdirSync(MAIN, { recursive: true, encoding: 'utf8' })) {
    if (!/\.tsx?$/.test(file)) continue;
    const from = file.split(path.sep)[0]!.replace(/\.tsx?$/, '');
    const source = fs.readFileSync(path.join(MAIN, file), 'utf8');
    for (const [, specifier] of source.matchAll(/(?:from|import\()\s*'(\.{1,2}\/[^']+)'/g)) {
      const target = path.relative(MAIN, path.resolve(path.dirname(path.join(MAIN, file)), specifier!));
      if (target.startsWith('..')) continue;
      const to = target.split(path.sep)[0]!;
      if (to !== from) graph.set(from, (graph.get(from) ?? new Set()).add(to));
    }
  }
  return graph;
}

function cycles(graph: Map<string, Set<string>>): string[] {
  const found: string[] = [];
  const visit = (node: string, trail: string[]) => {
    for (const next of graph.get(node) ?? []) {
      if (trail.includes(next)) found.push([...trail.slice(trail.indexOf(next)), next].join(' → '));
      else visit(next, [...trail, next]);
    }
  };
  for (const node of graph.keys()) visit(node, [node]);
  return found;
}

describe('folder dependencies of the main process', () => {
  const graph = folderImports();
  const importsOf = (folder: string) => [...(graph.get(folder) ?? [])].sort();

  it('has no cycle between folders', () => {
    expect(cycles(graph)).toEqual([]);
  });

  it.each([
    ['schedule', []],
    ['engine', ['schedule']],
    ['config', ['engine']],
    ['enforcement', ['engine', 'log', 'schedule', 'store']],
  ])('%s imports only from %j', (folder, allowed) => {
    expect(importsOf(folder).filter((to) => !allowed.includes(to))).toEqual([]);
  });

  it('sees the imports it checks (the gateway implements the Broker port of enforcement)', () => {
    expect(importsOf('gateway')).toContain('enforcement');
  });
});
