import { generate } from '../scripts/bench-scale';
const g = generate(33334, 1, 10);
for (const id of [...g.ordinary.slice(100, 106), g.ordinary[5000]!, g.ordinary[20000]!]) {
  const docs = g.bundles.filter((b) => b.entities.some((e) => e.id === id)).length;
  const deg = g.relations.filter((r) => r.subject === id || r.object === id).length;
  console.log(id, 'docs', docs, 'degree', deg);
}
const perDoc = g.bundles.map((b) => b.entities.length);
console.log('entities per doc', perDoc.join(','), 'of', g.entities.length);
