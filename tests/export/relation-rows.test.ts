// The Neo4j export's relation rows: each relation gets its asserter, in the statement's order, whether the
// asserters come first (as Neo4j sends them) or not; a relation whose asserter never comes fails loudly.
import { relationsFromRows } from '../../src/graph/neo4j/export-rows';

type Row = { asserter: unknown; relation: unknown };

const asserter = (id: string): Row => ({ asserter: [id, `Name of ${id}`, 'person', 'official'], relation: null });
const relation = (id: string, assertedBy: string): Row => ({
  asserter: null,
  relation: [
    id, 'MET', 's', 'S', 'person', 'official', 'o', 'O', 'person', 'official',
    null, 'dated', '2014-04-23', null, null, assertedBy,
    'stated', `summary of ${id}`, null, '', ['doc'], '',
  ],
});

async function* rowsOf(rows: Row[]): AsyncGenerator<Row> {
  for (const row of rows) yield row;
}

async function exported(rows: Row[]) {
  const out: Array<{ id: string; assertedBy: string }> = [];
  for await (const r of relationsFromRows(rowsOf(rows), (row) => row)) out.push({ id: r.id, assertedBy: `${r.assertedBy.id}/${r.assertedBy.name}` });
  return out;
}

describe('export relation rows', () => {
  it('gives each relation its asserter when the asserters come first', async () => {
    expect(await exported([asserter('a'), asserter('b'), relation('r1', 'b'), relation('r2', 'a')])).toEqual([
      { id: 'r1', assertedBy: 'b/Name of b' },
      { id: 'r2', assertedBy: 'a/Name of a' },
    ]);
  });

  it('keeps the order when a relation comes before its asserter: it and those after it wait for it', async () => {
    const rows = [asserter('a'), relation('r1', 'b'), relation('r2', 'a'), relation('r3', 'c'), asserter('b'), relation('r4', 'a'), asserter('c')];
    expect((await exported(rows)).map((r) => r.id)).toEqual(['r1', 'r2', 'r3', 'r4']);
    expect((await exported(rows)).find((r) => r.id === 'r3')!.assertedBy).toBe('c/Name of c');
  });

  it('fails loudly on a relation whose asserter never comes, after the ones before it', async () => {
    const seen: string[] = [];
    const run = async () => {
      for await (const r of relationsFromRows(rowsOf([asserter('a'), relation('r1', 'a'), relation('r2', 'x'), relation('r3', 'a')]), (row) => row)) seen.push(r.id);
    };
    await expect(run()).rejects.toThrow(/r2 names an asserter \(x\)/);
    expect(seen).toEqual(['r1']);
  });
});
