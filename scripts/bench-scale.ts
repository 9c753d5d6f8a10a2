// `npm run bench:scale [-- --entities N]`: how the API behaves on a graph ~100x the article.
//
// 1. Generates a synthetic, deterministic bundle (seeded PRNG): N entities, ~3N relations over the whole
//    vocabulary (each type's allowed subject/object kinds), partial dates of every precision, undated
//    relations, a few high-degree hubs and a skewed tail, and a synthetic document whose text the spans
//    slice exactly (so validateBundle and verifySpans accept it unchanged).
// 2. Memory store: parse + validate + build time, RSS after build, then per-query latency through the
//    full HTTP stack (app.inject on buildApp), like scripts/bench.ts.
// 3. Neo4j, when NEO4J_URI is set: writeBundles with reset (time), the same queries, Neo4j's RSS.
//
// Every store runs in a child process, so a query that explodes (even a synchronous one in the memory
// store) hits --timeout, is reported as a timeout, and the child is killed and restarted; on Neo4j the
// running transactions are terminated too. Prints figures; asserts nothing; not part of `npm test`.
//
//   --entities N   entities (default 10000)         --seed S      PRNG seed (default 1)
//   --relations N  about N relations instead (entities = N / 3)
//   --sizes A,B,.. run every size in turn (relation counts, e.g. 1e3,1e4,1e5,1e6) and end with a table of
//                  p50 per endpoint and size and the growth factor (p50 at the largest / at the smallest)
//   --rounds R     requests per query (default 30)  --budget S    seconds per query before stopping early (default 10)
//   --timeout S    per request (default 30)         --pairs P     random entity pairs for /paths (default 8)
//   --warm W       before timing, W untimed requests per URL of every query but the exports (default 0): a
//                  server just restarted (--load import) answers its first requests slowly, which inflates the
//                  small sizes and so shrinks every growth factor
//   --documents D  split the graph into D bundles/documents (default 1; the loader splits big bundles into
//                  batches itself)
//   --only TEXT    run only the queries whose label contains TEXT (e.g. --only export)
//   --skip TEXT    leave out the queries whose label contains TEXT (e.g. --skip export at 10^6)
//   --store memory|neo4j|both (default both; Neo4j only when NEO4J_URI is set)
//   --force-reset  reset a Neo4j database that holds other documents (it is wiped either way)
//   --load M       how Neo4j is loaded: reset (default: writeBundles with reset, the transactional reload) or
//                  import (`npm run seed -- --import`'s path: Neo4j's offline importer; the local instance of
//                  scripts/neo4j.sh only, NEO4J_BOLT_PORT and NEO4J_HOME_DIR as for it; it restarts the server)
import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { isAbsolute, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import neo4j, { type Driver } from 'neo4j-driver';
import { buildApp } from '../src/app';
import { loadConfig } from '../src/config';
import { MemoryGraphStore } from '../src/graph/memory';
import { Neo4jGraphStore } from '../src/graph/neo4j';
import type { GraphStore } from '../src/graph/store';
import type { Bundle, BundleEntity, BundleRelation, BundleSpan } from '../src/schemas/bundle';
import {
  ENTITY_SUBTYPES,
  RELATION_TYPES,
  RELATION_TYPE_NAMES,
  type EntityKind,
  type EntitySubtype,
  type Modality,
  type RelationType,
} from '../src/schemas/vocabulary';
import { toGraphData, validateBundle } from '../src/graph/data/bundle';
import { graphCounts, prepareBundles, writeBundles, type Progress } from '../src/graph/neo4j/load';
import { notLocal, runImport } from '../seed/import';
import { verifySpans } from '../src/graph/data/verify-evidence';
import { exactKey } from '../src/graph/rules';
import { prng } from './prng';

type StoreName = 'memory' | 'neo4j';

interface Options {
  entities: number;
  seed: number;
  rounds: number;
  budgetMs: number;
  timeoutMs: number;
  warm: number;
  pairs: number;
  documents: number;
  only?: string;
  skip?: string;
  sizes?: number[];
  stores: StoreName[];
  forceReset: boolean;
  load: 'reset' | 'import';
  child?: StoreName;
}

function options(): Options {
  const { values } = parseArgs({
    options: {
      entities: { type: 'string', default: '10000' },
      relations: { type: 'string' },
      sizes: { type: 'string' },
      seed: { type: 'string', default: '1' },
      rounds: { type: 'string', default: process.env.BENCH_ROUNDS ?? '30' },
      budget: { type: 'string', default: '10' },
      timeout: { type: 'string', default: '30' },
      warm: { type: 'string', default: '0' },
      pairs: { type: 'string', default: '8' },
      documents: { type: 'string', default: '1' },
      only: { type: 'string' },
      skip: { type: 'string' },
      store: { type: 'string', default: 'both' },
      'force-reset': { type: 'boolean', default: false },
      load: { type: 'string', default: 'reset' },
      child: { type: 'string' },
    },
    strict: true,
  });
  const num = (name: string, v: string | undefined, min: number) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be an integer >= ${min}, got ${v}`);
    return n;
  };
  const store = values.store;
  if (store !== 'memory' && store !== 'neo4j' && store !== 'both') throw new Error(`--store must be memory, neo4j or both`);
  const child = values.child;
  if (child !== undefined && child !== 'memory' && child !== 'neo4j') throw new Error(`bad --child ${child}`);
  const load = values.load;
  if (load !== 'reset' && load !== 'import') throw new Error(`--load must be reset or import, got ${load}`);
  const sizes = values.sizes?.split(',').map((x) => num('sizes', String(Number(x)), 150));
  return {
    entities: values.relations !== undefined ? Math.ceil(num('relations', String(Number(values.relations)), 150) / 3) : num('entities', values.entities, 50),
    sizes,
    seed: num('seed', values.seed, 0),
    rounds: num('rounds', values.rounds, 1),
    budgetMs: num('budget', values.budget, 1) * 1000,
    timeoutMs: num('timeout', values.timeout, 1) * 1000,
    warm: num('warm', values.warm, 0),
    pairs: num('pairs', values.pairs, 1),
    documents: num('documents', values.documents, 1),
    only: values.only,
    skip: values.skip,
    stores: store === 'both' ? ['memory', 'neo4j'] : [store],
    forceReset: values['force-reset'],
    load,
    child,
  };
}

// ---------------------------------------------------------------- deterministic generator

/** Relation type frequencies of the article (seed/bundles), so the mix looks like curated data. */
const TYPE_WEIGHTS: Record<RelationType, number> = {
  PARTICIPATED_IN: 28, LOCATED_IN: 19, HOLDS_OFFICE: 17, TARGETS: 17, INITIATED: 15, ENGAGED_WITH: 12,
  PART_OF: 9, OPPOSED: 9, HOSTED: 7, SUPPORTED: 7, MEMBER_OF: 6, MET: 5, INDEPENDENT_OF: 5, RIVAL_OF: 4,
  ALLIED_WITH: 4, DISPUTES: 4, GOVERNS: 4, LED_TO: 3, VISITED: 2, IN_CONFLICT_WITH: 2, ASSOCIATED_WITH: 2,
  WITHDREW_FROM: 1, CHILD_OF: 1, FRIEND_OF: 1, FOUNDED: 1, EMULATES: 1,
};
const PHRASES: Record<RelationType, string> = {
  HOLDS_OFFICE: 'holds office in', MEMBER_OF: 'is a member of', FOUNDED: 'founded', CHILD_OF: 'is a child of',
  FRIEND_OF: 'is a friend of', MET: 'met', VISITED: 'visited', HOSTED: 'hosted', PARTICIPATED_IN: 'took part in',
  LOCATED_IN: 'lies in', PART_OF: 'is part of', DISPUTES: 'disputes', ALLIED_WITH: 'is allied with',
  RIVAL_OF: 'is a rival of', OPPOSED: 'opposed', SUPPORTED: 'supported', INITIATED: 'initiated', TARGETS: 'targets',
  IN_CONFLICT_WITH: 'is in conflict with', ENGAGED_WITH: 'engaged with', WITHDREW_FROM: 'withdrew from',
  GOVERNS: 'governs', INDEPENDENT_OF: 'acts independently of', ASSOCIATED_WITH: 'is associated with',
  EMULATES: 'emulates', LED_TO: 'led to',
};
/** Share of each kind among the non-hub entities (the article: events 43%, organisations 22%, ...). */
const KIND_SHARES: Array<[EntityKind, number]> = [['event', 35], ['person', 25], ['organization', 22], ['place', 18]];
/** Hubs: about one per 1,000 entities (at least 8), mostly states and governments, as in real news graphs. */
const HUB_KINDS: EntityKind[] = ['place', 'organization', 'person', 'place', 'organization', 'event', 'place', 'person', 'organization', 'place'];
/** Share of relation ends that land on a hub (when a hub of the wanted kind exists). */
const HUB_SHARE = 0.25;
/** Tail skew: the i-th entity of a kind is drawn as floor(n * u^SKEW), so low indices are popular. */
const SKEW = 1.8;
const MAX_MENTIONS = 50;
const SENTENCES_PER_PARAGRAPH = 6;

const SYLLABLES = 'ka ren do mi sa to lu vi na shi ro ta be lin mar zo chen ha yu ko an el is or ul tek vor pa gi nes'.split(' ');
const TOPICS = 'trade defence energy fisheries tourism security finance diplomacy education health transport shipping cyber farming'.split(' ');
const ORG_NAMES: Record<string, (w: string) => string> = {
  'political-party': (w) => `${w} Party`,
  'government-body': (w) => `${w} Ministry`,
  'local-government': (w) => `${w} City Council`,
  military: (w) => `${w} Defense Force`,
  'international-organization': (w) => `${w} Union`,
  'non-governmental-organization': (w) => `${w} Foundation`,
  'militant-group': (w) => `${w} Front`,
  'news-publisher': (w) => `${w} Times`,
  'industry-sector': (w) => `${w} Industry`,
  'group-of-countries': (w) => `${w} Group`,
};
const PLACE_NAMES: Record<string, (w: string) => string> = {
  country: (w) => w,
  city: (w) => w,
  'island-group': (w) => `${w} Islands`,
  sea: (w) => `${w} Sea`,
  region: (w) => `${w} Province`,
  'airspace-zone': (w) => `${w} Air Defense Zone`,
};
const EVENT_WORDS: Record<string, string> = {
  visit: 'Visit', meeting: 'Meeting', election: 'Election', 'sporting-event': 'Games', negotiation: 'Talks',
  'policy-act': 'Act', crisis: 'Crisis', campaign: 'Campaign', exercise: 'Exercise', conference: 'Conference',
  period: 'Era', speech: 'Speech', war: 'War',
};
const ROLES = ['minister', 'governor', 'mayor', 'president', 'chairman', 'ambassador', 'spokesman', 'secretary-general'];

interface Generated {
  /** One bundle per document (--documents); together they hold the whole graph. */
  bundles: Bundle[];
  /** Document id -> text. */
  texts: Map<string, string>;
  /** The graph (entities without mentions; relations without evidence). */
  entities: BundleEntity[];
  relations: BundleRelation[];
  /** Entity ids by degree, highest first (hubs lead). */
  byDegree: Array<{ id: string; name: string; degree: number }>;
  /** Entities that are not hubs, with at least one relation. */
  ordinary: string[];
}

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

export function generate(n: number, seed: number, documents = 1): Generated {
  const rng = prng(seed);
  const int = (k: number) => Math.floor(rng() * k);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  const weighted = <T>(items: ReadonlyArray<readonly [T, number]>): T => {
    let r = rng() * items.reduce((s, [, w]) => s + w, 0);
    for (const [item, w] of items) if ((r -= w) < 0) return item;
    return items[items.length - 1]![0];
  };

  // ---- names
  const words = new Set<string>();
  const word = (): string => {
    for (;;) {
      const w = Array.from({ length: 2 + int(2) }, () => pick(SYLLABLES)).join('');
      const cap = w[0]!.toUpperCase() + w.slice(1);
      if (!words.has(cap) || words.size > 20000) {
        words.add(cap);
        return cap;
      }
    }
  };

  // ---- dates: 1945..2024, recent years far more likely; every precision
  const year = () => 2024 - Math.floor(80 * rng() ** 2.5);
  const format = (y: number, m: number, d: number, precision: number) =>
    precision === 1 ? `${y}` : precision === 2 ? `${y}-${String(m).padStart(2, '0')}` : `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  const precisionOf = () => weighted([[1, 30], [2, 30], [3, 40]] as const);
  /** validFrom, and (with probability pTo) a validTo on or after it: a truncation of a later day. */
  const interval = (pTo: number, longShare: number): { validFrom: string; validTo?: string } => {
    const y = year();
    const m = 1 + int(12);
    const d = 1 + int(daysIn(y, m));
    const validFrom = format(y, m, d, precisionOf());
    if (rng() >= pTo) return { validFrom };
    const days = rng() < longShare ? 365 + int(5 * 365) : int(31);
    const end = new Date(Date.UTC(y, m - 1, d + days));
    const ey = Math.min(end.getUTCFullYear(), 2030);
    const validTo = ey < end.getUTCFullYear() ? '2030' : format(ey, end.getUTCMonth() + 1, end.getUTCDate(), precisionOf());
    return { validFrom, validTo };
  };

  // ---- entities: publisher, hubs, then the tail
  const hubCount = Math.max(8, Math.round(n / 1000));
  const kinds: EntityKind[] = ['organization'];
  for (let i = 0; i < hubCount; i++) kinds.push(HUB_KINDS[i % HUB_KINDS.length]!);
  while (kinds.length < n) kinds.push(weighted(KIND_SHARES));
  // Ids are unique across every generated id: a suffixed id ("x-2") can equal another base ("x-2"),
  // so a suffix is taken only when no id so far has that spelling.
  const usedIds = new Set<string>();
  // validateBundle rejects a name or alias another entity already has (by exactKey): rename or drop it.
  const ownedNames = new Set<string>();
  const claimNames = (e: BundleEntity, i: number) => {
    if (ownedNames.has(exactKey(e.name))) e.name = `${e.name} ${i}`;
    const own = exactKey(e.name);
    ownedNames.add(own);
    e.aliases = e.aliases.filter((a) => {
      const k = exactKey(a);
      if (k === own || ownedNames.has(k)) return false;
      ownedNames.add(k);
      return true;
    });
  };
  const uniqueId = (base: string) => {
    let id = base;
    for (let k = 2; usedIds.has(id); k++) id = `${base}-${k}`;
    usedIds.add(id);
    return id;
  };
  const entities: BundleEntity[] = kinds.map((kind, i) => {
    const isHub = i >= 1 && i <= hubCount;
    const subtype: EntitySubtype =
      i === 0
        ? 'news-publisher'
        : isHub
          ? ({ place: 'country', organization: pick(['government-body', 'political-party'] as const), person: 'politician', event: 'war' } as const)[kind]
          : pick(ENTITY_SUBTYPES[kind]);
    let name: string;
    const aliases: string[] = [];
    const w = word();
    if (i === 0) name = 'Synthetic Wire';
    else if (kind === 'person') {
      const family = word();
      name = `${w} ${family}`;
      if (rng() < 0.6) aliases.push(family);
      if (rng() < 0.2) aliases.push(`${pick(ROLES)} ${name}`.replace(/^./, (c) => c.toUpperCase()));
    } else if (kind === 'organization') {
      name = ORG_NAMES[subtype]!(w);
      if (rng() < 0.5) aliases.push(name.split(' ').map((x) => x[0]).join('').toUpperCase() + (i % 7));
    } else if (kind === 'place') {
      name = PLACE_NAMES[subtype]!(w);
      if (rng() < 0.15) aliases.push(word());
    } else {
      name = `${w} ${EVENT_WORDS[subtype]!}`;
    }
    const e: BundleEntity = { id: '', kind, subtype, name, aliases, summary: '-', mentions: [] };
    if (isHub || rng() < 0.2) e.wikidata = `Q${1000 + i}`;
    if (kind === 'event') {
      if (rng() < 0.9) Object.assign(e, interval(0.5, 0.2));
      else if (rng() < 0.3) e.validTo = `${year()}`;
      if (e.validFrom) e.name = `${e.name} ${e.validFrom.slice(0, 4)}`;
      e.time = e.validFrom || e.validTo ? 'dated' : 'observed';
    } else if (kind === 'organization' && rng() < 0.3) Object.assign(e, { validFrom: `${year()}` });
    else if (kind === 'person' && rng() < 0.15) Object.assign(e, { validFrom: `${year()}` });
    else if (kind === 'place' && rng() < 0.05) Object.assign(e, interval(0.5, 1));
    claimNames(e, i);
    e.id = uniqueId(slug(e.name));
    return e;
  });
  const places = entities.filter((e) => e.kind === 'place');
  for (const e of entities) {
    const sub = e.subtype.replace(/-/g, ' ');
    e.summary =
      e.kind === 'place'
        ? `A ${sub} known for ${pick(TOPICS)} and ${pick(TOPICS)}.`
        : `A ${sub} from ${pick(places).name}, active in ${pick(TOPICS)}.`;
  }

  // ---- relations: every entity anchored once, then ~2N more with hub-heavy, skewed ends
  const indexOfKind = new Map<EntityKind, { hubs: number[]; tail: number[] }>();
  for (const k of ['person', 'organization', 'place', 'event'] as EntityKind[]) indexOfKind.set(k, { hubs: [], tail: [] });
  entities.forEach((e, i) => {
    if (i === 0) return;
    const slot = indexOfKind.get(e.kind)!;
    (i <= hubCount ? slot.hubs : slot.tail).push(i);
  });
  const kindCount = (k: EntityKind) => indexOfKind.get(k)!.hubs.length + indexOfKind.get(k)!.tail.length;
  const pickEnd = (kind: EntityKind): number => {
    const { hubs, tail } = indexOfKind.get(kind)!;
    if (hubs.length && (tail.length === 0 || rng() < HUB_SHARE)) return weighted(hubs.map((h, r) => [h, 1 / (r + 1)] as const));
    return tail[Math.floor(tail.length * rng() ** SKEW)]!;
  };
  const pickKind = (allowed: readonly EntityKind[]) => weighted(allowed.map((k) => [k, kindCount(k)] as const));
  const typeWeights = RELATION_TYPE_NAMES.map((t) => [t, TYPE_WEIGHTS[t]] as const);

  interface Draft { type: RelationType; s: number; o: number }
  const drafts: Draft[] = [];
  const draw = (type: RelationType, fixed?: { end: 'subject' | 'object'; index: number }) => {
    const rule = RELATION_TYPES[type];
    for (let attempt = 0; attempt < 10; attempt++) {
      const s = fixed?.end === 'subject' ? fixed.index : pickEnd(pickKind(rule.subject));
      const o = fixed?.end === 'object' ? fixed.index : pickEnd(pickKind(rule.object));
      if (s !== o) return void drafts.push({ type, s, o });
    }
  };
  entities.forEach((e, i) => {
    if (i >= 1 && i <= hubCount) return;
    const fits = typeWeights.filter(([t]) => (RELATION_TYPES[t].subject as readonly string[]).includes(e.kind) || (RELATION_TYPES[t].object as readonly string[]).includes(e.kind));
    const type = weighted(fits);
    const asSubject = (RELATION_TYPES[type].subject as readonly string[]).includes(e.kind);
    const asObject = (RELATION_TYPES[type].object as readonly string[]).includes(e.kind);
    draw(type, { end: asSubject && (!asObject || rng() < 0.5) ? 'subject' : 'object', index: i });
  });
  while (drafts.length < 3 * n) draw(weighted(typeWeights));

  // ---- relation attributes (all the random draws, so the graph is the same for any --documents)
  const relationIds = new Set<string>();
  const modalities: Array<readonly [Modality, number]> = [['stated', 70], ['assessment', 12], ['attributed', 8], ['intention', 10]];
  interface Planned { r: BundleRelation; s: number; o: number; asserter?: number; introToo: boolean }
  const planned: Planned[] = drafts.map(({ type, s, o }) => {
    const subject = entities[s]!;
    const object = entities[o]!;
    const base = `${subject.id}-${slug(type)}-${object.id}`;
    let id = base;
    for (let k = 2; relationIds.has(id); k++) id = `${base}-${k}`;
    relationIds.add(id);
    const r: BundleRelation = {
      id,
      type,
      subject: subject.id,
      object: object.id,
      time: 'observed',
      assertedBy: entities[0]!.id,
      modality: weighted(modalities),
      summary: '-',
      evidence: [],
    };
    if (type === 'HOLDS_OFFICE') r.role = pick(ROLES);
    else if (type === 'PARTICIPATED_IN' && rng() < 0.25) r.role = pick(['delegate', 'speaker', 'observer', 'host']);
    const dated = rng();
    if (dated < 0.6) Object.assign(r, interval(0.45, 0.6));
    else if (dated < 0.63) r.validTo = `${year()}`;
    // Time status (no extra random draw, so the graph stays the same): dated when it has a date; a held
    // office with a lone start goes on (ongoing); undated places-in-places are timeless, the rest observed.
    if (r.validFrom || r.validTo) r.time = 'dated';
    else if (type === 'LOCATED_IN' || type === 'PART_OF') r.time = 'timeless';
    if (type === 'HOLDS_OFFICE' && r.validFrom && !r.validTo) r.ongoing = true;
    let asserter: number | undefined;
    if (r.modality === 'attributed') {
      asserter = pickEnd(pick(['person', 'organization', 'place'] as const));
      r.assertedBy = entities[asserter]!.id;
    }
    if (rng() < 0.03) r.outsideKnowledge = true;
    return { r, s, o, asserter, introToo: rng() < 0.1 };
  });

  // ---- documents: relations dealt round-robin; each text introduces the entities its relations use
  // (one sentence each), then states its relations, one sentence each; spans are slices of that text.
  const hashes = new Map<string, string>();
  const referenced = new Set<number>([0]);
  for (const p of planned) for (const i of [p.s, p.o, p.asserter]) if (i !== undefined) referenced.add(i);
  const bundles: Bundle[] = [];
  const texts = new Map<string, string>();
  for (let d = 0; d < documents; d++) {
    const paragraphs: string[] = [];
    let current: string[] = [];
    let offset = 0;
    const span = (paragraph: number, start: number, s: string): BundleSpan => {
      let h = hashes.get(s);
      if (h === undefined) hashes.set(s, (h = sha256(s)));
      return { paragraph, start, end: start + s.length, sha256: h };
    };
    /** Appends a sentence made of pieces; returns the span of the sentence and of every piece. */
    const sentence = (pieces: string[]): { whole: BundleSpan; parts: BundleSpan[] } => {
      if (current.length === 0) {
        if (offset > 0) offset += 2; // '\n\n' between paragraphs
      } else offset += 1; // ' ' between sentences
      const paragraph = paragraphs.length + 1;
      const start = offset;
      const parts: BundleSpan[] = [];
      for (const p of pieces) {
        parts.push(span(paragraph, offset, p));
        offset += p.length;
      }
      const text = pieces.join('');
      current.push(text);
      if (current.length === SENTENCES_PER_PARAGRAPH) {
        paragraphs.push(current.join(' '));
        current = [];
      }
      return { whole: span(paragraph, start, text), parts };
    };

    const mine = planned.filter((_, i) => i % documents === d);
    const members = new Set<number>([0]);
    for (const p of mine) for (const i of [p.s, p.o, p.asserter]) if (i !== undefined) members.add(i);
    if (d === 0) entities.forEach((_, i) => referenced.has(i) || members.add(i));
    const own = new Map<number, BundleEntity>();
    const intros = new Map<number, BundleSpan>();
    const mention = (i: number, s: BundleSpan) => {
      const e = own.get(i)!;
      if (e.mentions.length < MAX_MENTIONS) e.mentions.push(s);
    };
    for (const i of [...members].sort((a, b) => a - b)) {
      const e = entities[i]!;
      own.set(i, { ...e, aliases: [...e.aliases], mentions: [] });
      const { whole, parts } = sentence([e.name, ` is a ${e.subtype.replace(/-/g, ' ')}.`]);
      mention(i, parts[0]!);
      intros.set(i, whole);
    }
    const relations = mine.map(({ r, s, o, asserter, introToo }) => {
      const subject = entities[s]!.name;
      const object = entities[o]!.name;
      const phrase = ` ${PHRASES[r.type]} `;
      const when = r.validFrom ? ` (${r.validFrom}${r.validTo ? ` to ${r.validTo}` : ''})` : r.validTo ? ` (until ${r.validTo})` : '';
      const lead = r.modality === 'assessment' ? 'It is likely that ' : r.modality === 'intention' ? 'It is planned that ' : '';
      const pieces = asserter !== undefined ? [entities[asserter]!.name, ' says that ', subject, phrase, object, `${when}.`] : [lead, subject, phrase, object, `${when}.`];
      const { whole, parts } = sentence(pieces.filter((p) => p !== ''));
      const at = asserter !== undefined ? 2 : lead ? 1 : 0;
      mention(s, parts[at]!);
      mention(o, parts[at + 2]!);
      if (asserter !== undefined) mention(asserter, parts[0]!);
      return { ...r, summary: `${subject}${phrase}${object}${when}.`, evidence: introToo ? [whole, intros.get(s)!] : [whole] };
    });
    if (current.length) paragraphs.push(current.join(' '));
    const text = paragraphs.join('\n\n');
    if (text.length !== offset) throw new Error(`generator bug: text has ${text.length} characters, offsets reached ${offset}`);
    const id = documents === 1 ? `synthetic-scale-${n}-seed-${seed}` : `synthetic-scale-${n}-seed-${seed}-part-${d + 1}-of-${documents}`;
    texts.set(id, text);
    bundles.push({
      bundleVersion: 1,
      document: {
        id,
        title: `Synthetic scale document ${d + 1} of ${documents} (${n} entities, seed ${seed})`,
        publisher: entities[0]!.id,
        published: '2016-01-01',
        sha256: sha256(text),
        characters: text.length,
        paragraphs: paragraphs.length,
        sourceFile: `${id}.txt`,
      },
      entities: [...own.values()],
      relations,
    });
  }

  const relations = planned.map((p) => p.r);
  const degree = new Map(entities.map((e) => [e.id, 0]));
  for (const r of relations) {
    degree.set(r.subject, degree.get(r.subject)! + 1);
    degree.set(r.object, degree.get(r.object)! + 1);
  }
  const byDegree = entities.map((e) => ({ id: e.id, name: e.name, degree: degree.get(e.id)! })).sort((a, b) => b.degree - a.degree || (a.id < b.id ? -1 : 1));
  const hubIds = new Set(entities.slice(1, hubCount + 1).map((e) => e.id));
  const ordinary = entities.filter((e) => !hubIds.has(e.id) && degree.get(e.id)! > 0).map((e) => e.id);
  return { bundles, texts, entities, relations, byDegree, ordinary };
}

// ---------------------------------------------------------------- child process: one store behind the HTTP app

interface Ready {
  type: 'ready';
  parseMs?: number;
  validateMs?: number;
  buildMs?: number;
  rssMB: number;
  heapMB: number;
}
interface Result {
  type: 'result';
  status: number;
  ms: number;
  bytes: number;
  note: string;
  pathLengths?: number[];
}
interface MemoryReport {
  type: 'memory';
  rssMB: number;
  maxRssMB: number;
  heapMB: number;
}
type ChildMessage = Ready | Result | MemoryReport;
type ParentMessage = { type: 'run'; url: string } | { type: 'memory' } | { type: 'exit' };

const MB = (bytes: number) => bytes / 1e6;
const gc = () => (globalThis as { gc?: () => void }).gc?.();

function noteOf(url: string, body: string): { note: string; pathLengths?: number[] } {
  if (url.startsWith('/export/')) return { note: '' };
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { note: '' };
  }
  const j = json as Record<string, unknown>;
  if (url.includes('/neighbourhood')) {
    const s = j as { nodes: unknown[]; edges: unknown[]; truncated: boolean };
    return { note: `${s.nodes.length} nodes, ${s.edges.length} edges${s.truncated ? ', truncated' : ''}` };
  }
  if (url.startsWith('/paths')) {
    const paths = Array.isArray(j) ? (j as Array<{ length: number }>) : ((j.items ?? j.paths ?? []) as Array<{ length: number }>);
    return { note: '', pathLengths: paths.map((p) => p.length) };
  }
  if (url.startsWith('/search')) return { note: `${(j.items as unknown[]).length} hits` };
  if (typeof j.total === 'number') return { note: `${(j.items as unknown[]).length} of ${j.total}` };
  if (Array.isArray(j.mentions)) return { note: `${j.mentions.length} mentions, ${(j.relationCounts as unknown[]).length} (type, direction) counts` };
  return { note: '' };
}

async function child(store: StoreName, o: Options): Promise<void> {
  const send = (m: ChildMessage) => process.send!(m);
  let graph: GraphStore;
  const ready: Ready = { type: 'ready', rssMB: 0, heapMB: 0 };
  if (store === 'memory') {
    // The store is built from JSON text, as from bundle files on disk.
    const json = generate(o.entities, o.seed, o.documents).bundles.map((b) => JSON.stringify(b));
    gc();
    const t0 = performance.now();
    const parsed: unknown[] = json.map((j) => JSON.parse(j));
    const t1 = performance.now();
    const bundles = parsed.map((b, i) => validateBundle(b, `synthetic-${i + 1}`));
    const t2 = performance.now();
    graph = MemoryGraphStore.fromGraphData(toGraphData(bundles));
    const t3 = performance.now();
    Object.assign(ready, { parseMs: t1 - t0, validateMs: t2 - t1, buildMs: t3 - t2 });
  } else {
    const user = process.env.NEO4J_USERNAME;
    const driver = neo4j.driver(process.env.NEO4J_URI!, user ? neo4j.auth.basic(user, process.env.NEO4J_PASSWORD ?? '') : undefined);
    graph = new Neo4jGraphStore(driver, process.env.NEO4J_DATABASE);
  }
  // Without the response cache: repeated requests must reach the store, whose growth this measures.
  const app = await buildApp({ config: loadConfig({ LOG_LEVEL: 'silent', RATE_LIMIT_MAX: '0' }), store: graph, responseCache: false });
  await app.ready();
  gc();
  ready.rssMB = MB(process.memoryUsage().rss);
  ready.heapMB = MB(process.memoryUsage().heapUsed);
  send(ready);
  process.on('message', (m: ParentMessage) => {
    void (async () => {
      if (m.type === 'run') {
        const t0 = performance.now();
        const res = await app.inject(m.url);
        const ms = performance.now() - t0;
        send({ type: 'result', status: res.statusCode, ms, bytes: res.rawPayload.length, ...noteOf(m.url, res.body) });
      } else if (m.type === 'memory') {
        gc();
        const u = process.memoryUsage();
        send({ type: 'memory', rssMB: MB(u.rss), heapMB: MB(u.heapUsed), maxRssMB: (process.resourceUsage().maxRSS * 1024) / 1e6 });
      } else {
        await app.close();
        process.exit(0);
      }
    })();
  });
}

/** The parent's handle on a child: one request at a time, with a timeout that kills the child. */
class Runner {
  private proc?: ChildProcess;
  private waiting?: { resolve: (m: ChildMessage) => void; reject: (e: Error) => void };
  ready?: Ready;

  constructor(
    private readonly store: StoreName,
    private readonly o: Options,
    private readonly afterKill: () => Promise<void>,
  ) {}

  async start(): Promise<Ready> {
    const args = ['--child', this.store, '--entities', String(this.o.entities), '--seed', String(this.o.seed), '--documents', String(this.o.documents)];
    const proc = fork(__filename, args, { execArgv: [...process.execArgv, '--expose-gc'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.proc = proc;
    proc.on('message', (m: ChildMessage) => {
      const w = this.waiting;
      this.waiting = undefined;
      w?.resolve(m);
    });
    proc.on('exit', (code, signal) => {
      if (this.proc === proc) this.proc = undefined;
      const w = this.waiting;
      this.waiting = undefined;
      w?.reject(new Error(`child exited (${signal ?? `code ${code}`})`));
    });
    this.ready = (await this.next()) as Ready;
    return this.ready;
  }

  private next(): Promise<ChildMessage> {
    return new Promise((resolve, reject) => (this.waiting = { resolve, reject }));
  }

  /** One request; 'timeout' after timeoutMs (the child is killed), 'crash' if it died. */
  async run(url: string): Promise<Result | 'timeout' | 'crash'> {
    if (!this.proc) await this.start();
    const reply = this.next();
    this.proc!.send({ type: 'run', url } satisfies ParentMessage);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), this.o.timeoutMs)));
    try {
      const outcome = await Promise.race([reply, timeout]);
      if (outcome !== 'timeout') return outcome as Result;
      await this.kill();
      return 'timeout';
    } catch {
      await this.afterKill();
      return 'crash';
    } finally {
      clearTimeout(timer);
    }
  }

  async memory(): Promise<MemoryReport | undefined> {
    if (!this.proc) return undefined;
    const reply = this.next();
    this.proc.send({ type: 'memory' } satisfies ParentMessage);
    return (await reply) as MemoryReport;
  }

  private async kill(): Promise<void> {
    const proc = this.proc;
    this.proc = undefined;
    this.waiting = undefined;
    if (proc) {
      const gone = new Promise((r) => proc.once('exit', r));
      proc.kill('SIGKILL');
      await gone;
    }
    await this.afterKill();
  }

  async stop(): Promise<void> {
    const proc = this.proc;
    if (!proc) return;
    this.proc = undefined;
    const gone = new Promise((r) => proc.once('exit', r));
    proc.send({ type: 'exit' } satisfies ParentMessage);
    await gone;
  }
}

// ---------------------------------------------------------------- measuring

interface Query {
  label: string;
  /** Several URLs (random pairs): each is tried once first; a timed-out one is dropped, the others cycled. */
  urls: string[];
  rounds?: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

const ms = (n: number) => (Number.isFinite(n) ? (n >= 1000 ? `${(n / 1000).toFixed(2)} s` : `${n.toFixed(n < 10 ? 2 : 1)}`) : '-').padStart(9);

interface Measured {
  label: string;
  p50: number;
  p95: number;
}

async function measure(runner: Runner, q: Query, o: Options): Promise<Measured> {
  const times: number[] = [];
  const statuses = new Set<number>();
  const notes = new Set<string>();
  /** Per URL, from its first (warm-up) request: the shortest path found (or why not) and the time. */
  const firsts: Array<{ shortest: string; ms?: number }> = [];
  let timeouts = 0;
  let crashes = 0;
  let bytes: number | undefined;
  const live: string[] = [];
  const record = (r: Result | 'timeout' | 'crash', first: boolean) => {
    if (r === 'timeout' || r === 'crash') {
      if (r === 'timeout') timeouts++;
      else crashes++;
      if (first) firsts.push({ shortest: r });
      return false;
    }
    statuses.add(r.status);
    if (r.note) notes.add(r.note);
    bytes = r.bytes;
    if (first) firsts.push({ shortest: r.pathLengths ? (r.pathLengths.length ? `${r.pathLengths[0]} hops` : 'none') : '', ms: r.ms });
    else times.push(r.ms);
    return true;
  };
  // Warm-up (not in the percentiles): every URL once; a single-URL query twice.
  const started = performance.now();
  for (const url of q.urls) if (record(await runner.run(url), true)) live.push(url);
  if (q.urls.length === 1 && live.length === 1) record(await runner.run(live[0]!), true);
  const warm = performance.now() - started;
  const rounds = q.rounds ?? o.rounds;
  const minRounds = warm > o.budgetMs ? 1 : 3;
  const t0 = performance.now();
  for (let i = 0; live.length > 0 && i < rounds && (i < minRounds || performance.now() - t0 < o.budgetMs); i++) {
    const url = live[i % live.length]!;
    if (!record(await runner.run(url), false)) live.splice(live.indexOf(url), 1);
  }
  times.sort((a, b) => a - b);
  const extra: string[] = [];
  if (q.urls[0]!.startsWith('/export/') && bytes !== undefined) extra.push(`${(bytes / 1e6).toFixed(1)} MB`);
  if (q.urls.length === 1 && /hops|none/.test(firsts[0]?.shortest ?? '')) extra.push(`shortest: ${firsts[0]!.shortest}`);
  if (notes.size === 1) extra.push([...notes][0]!);
  if (timeouts) extra.push(`TIMEOUT x${timeouts} (> ${o.timeoutMs / 1000} s)`);
  if (crashes) extra.push(`CRASH x${crashes}`);
  const status = statuses.size ? [...statuses].join('/') : '-';
  console.log(
    `${q.label.padEnd(34)} ${String(times.length).padStart(4)} ${status.padStart(7)} ${ms(percentile(times, 50))} ${ms(percentile(times, 95))} ${ms(times[times.length - 1] ?? NaN)}  ${extra.join('; ')}`,
  );
  if (q.urls.length > 1) {
    const each = firsts.map((f) => `${f.shortest}${f.ms === undefined ? '' : ` ${ms(f.ms).trim()}${f.ms >= 1000 ? '' : ' ms'}`}`);
    const what = q.urls[0]!.startsWith('/paths') ? 'per pair (shortest path, time)' : 'per URL (time)';
    console.log(`${''.padEnd(36)}first request ${what}: ${each.join(' | ')}`);
  }
  const timedOut = times.length === 0 && timeouts > 0;
  return { label: q.label, p50: timedOut ? Infinity : percentile(times, 50), p95: timedOut ? Infinity : percentile(times, 95) };
}

function queries(g: Generated, o: Options): Query[] {
  const hub = g.byDegree[0]!;
  const second = g.byDegree[1]!;
  const rng = prng(o.seed + 7919);
  const pairs: string[][] = [];
  while (pairs.length < Math.min(o.pairs, Math.floor(g.ordinary.length / 2))) {
    const a = g.ordinary[Math.floor(rng() * g.ordinary.length)]!;
    const b = g.ordinary[Math.floor(rng() * g.ordinary.length)]!;
    if (a !== b && !pairs.some(([x, y]) => x === a && y === b)) pairs.push([a, b]);
  }
  // A typo (one letter doubled, one edit) in the first long name word among the top entities.
  const w = g.byDegree.flatMap((d) => d.name.split(' ')).find((x) => x.length >= 6)!.toLowerCase();
  const typo = w.slice(0, 4) + w.slice(3);
  const paths = (maxHops: number) => pairs.map(([a, b]) => `/paths?from=${a}&to=${b}&maxHops=${maxHops}&k=3`);
  // An ordinary entity (median degree): its relations, its timeline, and its name searched exactly.
  const median = g.byDegree[Math.floor(g.byDegree.length / 2)]!;
  return [
    { label: 'list entities (page of 100)', urls: ['/entities?limit=100'] },
    { label: 'entity detail (hub)', urls: [`/entities/${hub.id}`] },
    { label: 'relations of an entity', urls: [`/entities/${median.id}/relations?limit=100`] },
    { label: 'relations of hub', urls: [`/entities/${hub.id}/relations?limit=100`] },
    { label: 'relations of hub, asOf', urls: [`/entities/${hub.id}/relations?asOf=2014-04-25&limit=100`] },
    { label: 'neighbourhood depth 2 (hub)', urls: [`/entities/${hub.id}/neighbourhood?depth=2`] },
    { label: 'neighbourhood depth 3 (hub)', urls: [`/entities/${hub.id}/neighbourhood?depth=3`] },
    // the paths' first ends: ordinary entities, whose second level often reaches a hub or two
    { label: `neighbourhood depth 2 (${pairs.length} entities)`, urls: pairs.map(([a]) => `/entities/${a}/neighbourhood?depth=2`) },
    { label: `paths maxHops 4 k 3 (${pairs.length} pairs)`, urls: paths(4) },
    { label: `paths maxHops 6 k 3 (${pairs.length} pairs)`, urls: paths(6) },
    { label: 'paths hub to 2nd hub maxHops 4 k 3', urls: [`/paths?from=${hub.id}&to=${second.id}&maxHops=4&k=3`] },
    { label: 'search with a typo', urls: [`/search?q=${encodeURIComponent(typo)}`] },
    { label: 'search an exact name', urls: [`/search?q=${encodeURIComponent(median.name)}`] },
    { label: 'timeline, first page', urls: ['/timeline'] },
    { label: 'timeline 2014-03..2014-05', urls: ['/timeline?since=2014-03&until=2014-05'] },
    { label: 'timeline asOf 2001-06-15', urls: ['/timeline?asOf=2001-06-15'] },
    { label: 'timeline of an entity', urls: [`/timeline?entity=${median.id}`] },
    { label: 'timeline of the hub', urls: [`/timeline?entity=${hub.id}`] },
    { label: 'stats', urls: ['/stats'] },
    { label: 'relations, first page of 100', urls: ['/relations?limit=100'] },
    { label: 'relations asOf, first page of 100', urls: ['/relations?asOf=2014-04-25&limit=100'] },
    { label: 'export ndjson (whole graph)', urls: ['/export/ndjson'], rounds: 3 },
    { label: 'export graphml (whole graph)', urls: ['/export/graphml'], rounds: 3 },
    { label: 'export gexf (whole graph)', urls: ['/export/gexf'], rounds: 3 },
  ];
}

const isExport = (q: Query) => q.urls[0]!.startsWith('/export/');

async function runQueries(runner: Runner, qs: Query[], o: Options, header = true): Promise<Measured[]> {
  const out: Measured[] = [];
  const chosen = qs.filter((q) => (!o.only || q.label.includes(o.only)) && !(o.skip && q.label.includes(o.skip)));
  if (o.warm > 0) {
    const t0 = performance.now();
    let n = 0;
    for (const q of chosen.filter((x) => !isExport(x))) {
      for (const url of q.urls) {
        for (let i = 0; i < o.warm; i++, n++) if (typeof (await runner.run(url)) === 'string') break; // a timeout or crash: on to the next
      }
    }
    if (n > 0) console.log(`warm pass (untimed): ${n} requests in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  if (header) console.log(`${'query'.padEnd(34)} ${'n'.padStart(4)} ${'status'.padStart(7)} ${'p50 ms'.padStart(9)} ${'p95 ms'.padStart(9)} ${'max ms'.padStart(9)}  notes`);
  for (const q of chosen) out.push(await measure(runner, q, o));
  return out;
}

// ---------------------------------------------------------------- Neo4j helpers

/** Neo4j's pid: $NEO4J_PID, else scripts/neo4j.sh's pid file (if its port matches NEO4J_URI), else the only CommunityEntryPoint. */
function neo4jPid(uri: string): number | undefined {
  if (process.env.NEO4J_PID) return Number(process.env.NEO4J_PID);
  const homeDir = process.env.NEO4J_HOME_DIR ?? '.neo4j';
  const home = isAbsolute(homeDir) ? homeDir : resolve(__dirname, '..', homeDir);
  const port = /:(\d+)\/?$/.exec(uri)?.[1] ?? '7687';
  try {
    const pid = Number(readFileSync(resolve(home, 'neo4j.pid'), 'utf8').trim());
    const filePort = existsSync(resolve(home, 'neo4j.port')) ? readFileSync(resolve(home, 'neo4j.port'), 'utf8').trim() : port;
    if (pid > 0 && filePort === port) return pid;
  } catch {
    // no pid file: fall through
  }
  try {
    const pids = execFileSync('pgrep', ['-f', 'org.neo4j.server.CommunityEntryPoint'], { encoding: 'utf8' }).trim().split('\n').filter(Boolean);
    return pids.length === 1 ? Number(pids[0]) : undefined;
  } catch {
    return undefined;
  }
}

function rssOf(pid: number | undefined): string {
  if (!pid) return 'unknown (set NEO4J_PID)';
  try {
    return `${(Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }).trim()) / 1000).toFixed(0)} MB (pid ${pid})`;
  } catch {
    return `unknown (pid ${pid} not found)`;
  }
}

/** After a timeout: stop whatever the killed child left running in Neo4j. */
async function terminateRunning(driver: Driver): Promise<void> {
  try {
    const { records } = await driver.executeQuery(
      `SHOW TRANSACTIONS YIELD transactionId, currentQuery
       WHERE NOT currentQuery STARTS WITH 'SHOW TRANSACTIONS' AND NOT currentQuery STARTS WITH 'TERMINATE'
       RETURN collect(transactionId) AS ids`,
    );
    const ids = records[0]!.get('ids') as string[];
    if (ids.length) await driver.executeQuery('TERMINATE TRANSACTIONS $ids', { ids });
  } catch (err) {
    console.log(`  (could not terminate Neo4j transactions: ${(err as Error).message})`);
  }
}

// ---------------------------------------------------------------- main

/** What one size gave, per store: p50/p95 per query label, and the load figures. */
interface SizeResult {
  relations: number;
  entities: number;
  memory?: { measured: Measured[]; buildMs: number; rssMB: number };
  neo4j?: { measured: Measured[]; loadMs: number; rate: number };
}

async function benchMemory(g: Generated, o: Options): Promise<SizeResult['memory']> {
  console.log(`\n== memory store (child process; built from the JSON text of ${o.documents} bundle${o.documents > 1 ? 's' : ''})`);
  const runner = new Runner('memory', o, async () => undefined);
  const r = await runner.start();
  console.log(
    `parse ${r.parseMs!.toFixed(0)} ms + validate ${r.validateMs!.toFixed(0)} ms + build ${r.buildMs!.toFixed(0)} ms = ` +
      `${(r.parseMs! + r.validateMs! + r.buildMs!).toFixed(0)} ms; after build (GC): RSS ${r.rssMB.toFixed(0)} MB, V8 heap used ${r.heapMB.toFixed(0)} MB`,
  );
  const memory = async (when: string) => {
    const m = await runner.memory();
    if (m) console.log(`${''.padEnd(36)}${when}: RSS ${m.rssMB.toFixed(0)} MB (peak ${m.maxRssMB.toFixed(0)} MB), V8 heap used after GC ${m.heapMB.toFixed(0)} MB`);
  };
  const all = queries(g, o);
  const measured = await runQueries(runner, all.filter((q) => !isExport(q)), o);
  await memory('before the exports');
  measured.push(...(await runQueries(runner, all.filter(isExport), o, false)));
  // app.inject keeps every response payload reachable (measured: the heap grows by one export per export;
  // over a real socket it stays flat), so this figure overstates what a server would hold.
  await memory('after the exports (app.inject retains each export payload; a real socket does not)');
  await runner.stop();
  return { measured, buildMs: r.parseMs! + r.validateMs! + r.buildMs!, rssMB: r.rssMB };
}

/** writeBundles with reset (a staged load switched in atomically); prints the figures; undefined when it failed. */
async function load(driver: Driver, bundles: Bundle[], database: string | undefined): Promise<{ ms: number; rate: number } | undefined> {
  const stages: string[] = [];
  let lastLine = 0;
  const onProgress = (p: Progress) => {
    if (p.stage === 'schema') stages.push(`schema ${p.ms} ms`);
    if (p.stage === 'switched') stages.push(`switch ${p.ms} ms`);
    if (p.stage === 'reset') stages.push(`old graph deleted: ${p.deleted} nodes`);
    if (p.stage === 'batch' && performance.now() - lastLine > 5000) {
      lastLine = performance.now();
      console.log(`  ... ${p.bundle}: ${p.written} of ${p.total} ${p.what} (${Math.round(p.rate)}/s)`);
    }
  };
  const t0 = performance.now();
  try {
    const summary = await writeBundles(driver, bundles, { reset: true, onProgress, database });
    const loadMs = performance.now() - t0;
    const counts = await graphCounts(driver, database);
    const relations = bundles.reduce((n, b) => n + b.relations.length, 0);
    const writeMs = summary.bundles.reduce((n, b) => n + b.ms, 0);
    const rate = relations / (loadMs / 1000);
    console.log(
      `writeBundles with reset (${bundles.length} bundle${bundles.length > 1 ? 's' : ''}): ${(loadMs / 1000).toFixed(1)} s ` +
        `(${[...stages, `write ${writeMs} ms`].join(', ')}); ${summary.nodes.created} nodes and ${summary.relationships.created} relationships created; ` +
        `database now ${counts.nodes} nodes, ${counts.relationships} relationships\n` +
        `LOAD RATE: ${Math.round(rate).toLocaleString('en')} relations/s end to end (${relations} relations; ` +
        `${Math.round(relations / (writeMs / 1000)).toLocaleString('en')} relations/s while writing)`,
    );
    return { ms: loadMs, rate };
  } catch (err) {
    const e = err as { code?: string; message: string };
    console.log(
      `writeBundles with reset FAILED after ${((performance.now() - t0) / 1000).toFixed(1)} s (${stages.join(', ')}): ${e.code ?? ''} ${e.message.split('\n')[0]}`,
    );
    return undefined;
  }
}

/** The offline importer's path (`npm run seed -- --import`): files, importer, restart, stored bundles, schema. */
async function importLoad(bundles: Bundle[], uri: string): Promise<{ ms: number; rate: number } | undefined> {
  const refused = notLocal(uri, process.env);
  if (refused) {
    console.log(`--load import refused: ${refused}`);
    return undefined;
  }
  const settings = loadConfig({ ...process.env, GRAPH_STORE: 'neo4j', NEO4J_URI: uri }).neo4j!;
  const relations = bundles.reduce((n, b) => n + b.relations.length, 0);
  const t0 = performance.now();
  try {
    const times = await runImport(prepareBundles(bundles), settings, { quiet: true, say: (line) => console.log(`  ... ${line}`) });
    const ms = performance.now() - t0;
    const rate = relations / (ms / 1000);
    console.log(
      `import (${bundles.length} bundle${bundles.length > 1 ? 's' : ''}): ${(ms / 1000).toFixed(1)} s (files ${times.filesMs} ms, ` +
        `importer + restart ${times.importMs} ms, stored bundles + schema ${times.finishMs} ms); ` +
        `database now ${times.graph.nodes} nodes, ${times.graph.relationships} relationships\n` +
        `LOAD RATE: ${Math.round(rate).toLocaleString('en')} relations/s end to end (${relations} relations)`,
    );
    return { ms, rate };
  } catch (err) {
    console.log(`import FAILED after ${((performance.now() - t0) / 1000).toFixed(1)} s: ${(err as Error).message.split('\n')[0]}`);
    return undefined;
  }
}

async function benchNeo4j(g: Generated, o: Options): Promise<SizeResult['neo4j']> {
  const uri = process.env.NEO4J_URI!;
  console.log(`\n== neo4j store at ${uri}`);
  const user = process.env.NEO4J_USERNAME;
  const connect = () => neo4j.driver(uri, user ? neo4j.auth.basic(user, process.env.NEO4J_PASSWORD ?? '') : undefined);
  let driver = connect();
  const database = process.env.NEO4J_DATABASE;
  try {
    const { records } = await driver.executeQuery('MATCH (d:Document) RETURN collect(d.id) AS ids', {}, { database });
    const others = (records[0]!.get('ids') as string[]).filter((id) => !id.startsWith('synthetic-scale-'));
    if (others.length && !o.forceReset) {
      console.log(
        `refusing to reset: the database holds other documents (${others.slice(0, 3).join(', ')}${others.length > 3 ? ', ...' : ''}). ` +
          'bench:scale wipes the database: use a separate instance (NEO4J_BOLT_PORT=7799 NEO4J_HOME_DIR=/tmp/neo4j-bench bash scripts/neo4j.sh start) or pass --force-reset.',
      );
      return undefined;
    }
    console.log(`Neo4j RSS before load: ${rssOf(neo4jPid(uri))}`);
    let loaded: { ms: number; rate: number } | undefined;
    if (o.load === 'import') {
      // The importer restarts the server: a new driver afterwards.
      await driver.close();
      loaded = await importLoad(g.bundles, uri);
      driver = connect();
    } else {
      loaded = await load(driver, g.bundles, database);
    }
    if (!loaded) return undefined;
    const pid = neo4jPid(uri);
    console.log(`Neo4j RSS after load: ${rssOf(pid)}`);
    const runner = new Runner('neo4j', o, () => terminateRunning(driver));
    await runner.start();
    const measured = await runQueries(runner, queries(g, o), o);
    await runner.stop();
    console.log(`Neo4j RSS after the queries: ${rssOf(pid)}`);
    return { measured, loadMs: loaded.ms, rate: loaded.rate };
  } finally {
    await driver.close();
  }
}

/** p50 per endpoint and size, and the growth factor from the smallest to the largest size. */
function growthTable(results: SizeResult[]): void {
  const fmt = (n: number | undefined) => (n === undefined ? '-' : Number.isFinite(n) ? (n >= 1000 ? `${(n / 1000).toFixed(2)} s` : n.toFixed(1)) : 'timeout');
  for (const store of ['memory', 'neo4j'] as const) {
    const runs = results.filter((r) => r[store]);
    if (runs.length < 1) continue;
    console.log(`\n== ${store}: p50 ms per size (relations) and growth factor (largest / smallest)`);
    const head = ['endpoint'.padEnd(36), ...runs.map((r) => `${r.relations.toLocaleString('en')}`.padStart(11)), 'growth'.padStart(8)];
    console.log(head.join(' '));
    const labels = runs[0]![store]!.measured.map((m) => m.label);
    for (const label of labels) {
      const p50s = runs.map((r) => r[store]!.measured.find((m) => m.label === label)?.p50);
      const first = p50s[0];
      const last = p50s[p50s.length - 1];
      const growth = first && last && Number.isFinite(first) && Number.isFinite(last) ? `${(last / first).toFixed(2)}x` : '-';
      console.log([label.padEnd(36), ...p50s.map((p) => fmt(p).padStart(11)), growth.padStart(8)].join(' '));
    }
    if (store === 'neo4j') {
      console.log(['load rate (relations/s)'.padEnd(36), ...runs.map((r) => Math.round(r.neo4j!.rate).toLocaleString('en').padStart(11))].join(' '));
      console.log(['load time (s)'.padEnd(36), ...runs.map((r) => (r.neo4j!.loadMs / 1000).toFixed(1).padStart(11))].join(' '));
    } else {
      console.log(['parse+validate+build (s)'.padEnd(36), ...runs.map((r) => (r.memory!.buildMs / 1000).toFixed(1).padStart(11))].join(' '));
      console.log(['RSS after build (MB)'.padEnd(36), ...runs.map((r) => r.memory!.rssMB.toFixed(0).padStart(11))].join(' '));
    }
  }
}

async function runSize(o: Options): Promise<SizeResult> {
  const t0 = performance.now();
  const g = generate(o.entities, o.seed, o.documents);
  const genMs = performance.now() - t0;
  const t1 = performance.now();
  g.bundles.forEach((b, i) => validateBundle(b, `synthetic-${i + 1}`));
  const problems = verifySpans(toGraphData(g.bundles), g.texts);
  const checkMs = performance.now() - t1;
  if (problems.length) throw new Error(`generated spans do not verify:\n${problems.slice(0, 5).join('\n')}`);
  const asc = g.byDegree.map((d) => d.degree).sort((x, y) => x - y);
  const rels = g.relations;
  const dated = rels.filter((r) => r.validFrom).length;
  const precision = (len: number) => rels.filter((r) => r.validFrom?.length === len).length;
  const sum = (f: (b: Bundle) => number) => g.bundles.reduce((a, b) => a + f(b), 0);
  console.log(
    `synthetic graph (seed ${o.seed}): ${g.entities.length} entities, ${rels.length} relations in ${g.bundles.length} bundle${g.bundles.length > 1 ? 's' : ''}, ` +
      `text ${(sum((b) => b.document.characters) / 1e6).toFixed(1)} M characters ` +
      `in ${sum((b) => b.document.paragraphs)} paragraphs; generated in ${genMs.toFixed(0)} ms, validated and spans verified in ${checkMs.toFixed(0)} ms`,
  );
  console.log(
    `  degree: top ${g.byDegree.slice(0, 5).map((d) => `${d.id} ${d.degree}`).join(', ')}; ` +
      `median ${percentile(asc, 50)}, p99 ${percentile(asc, 99)}, isolated ${asc.filter((d) => d === 0).length}`,
  );
  console.log(
    `  relation dates: ${dated} with validFrom (year ${precision(4)}, month ${precision(7)}, day ${precision(10)}), ` +
      `${rels.filter((r) => r.validTo).length} with validTo, ${rels.filter((r) => !r.validFrom && !r.validTo).length} undated; ` +
      `${new Set(rels.map((r) => r.type)).size} of ${RELATION_TYPE_NAMES.length} relation types used`,
  );
  console.log(`  timeout ${o.timeoutMs / 1000} s per request; up to ${o.rounds} timed requests or ${o.budgetMs / 1000} s per query after warm-up`);

  const result: SizeResult = { relations: rels.length, entities: g.entities.length };
  if (o.stores.includes('memory')) result.memory = await benchMemory(g, o);
  if (o.stores.includes('neo4j')) {
    if (process.env.NEO4J_URI) result.neo4j = await benchNeo4j(g, o);
    else {
      console.log(
        '\nNEO4J_URI unset: Neo4j not measured. The run RESETS the database it is given, so use an instance of its own:\n' +
          '  NEO4J_BOLT_PORT=7799 NEO4J_HOME_DIR=/tmp/neo4j-bench bash scripts/neo4j.sh start\n' +
          '  NEO4J_URI=bolt://127.0.0.1:7799 NEO4J_HOME_DIR=/tmp/neo4j-bench npm run bench:scale -- --store neo4j\n' +
          '  NEO4J_BOLT_PORT=7799 NEO4J_HOME_DIR=/tmp/neo4j-bench bash scripts/neo4j.sh stop',
      );
    }
  }
  return result;
}

async function main(): Promise<void> {
  const o = options();
  if (o.child) return child(o.child, o);
  const started = new Date();
  console.log(`bench:scale ${started.toISOString()} on ${os.cpus().length} x ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 1e9).toFixed(1)} GB, load ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  if (!o.sizes) {
    await runSize(o);
    return;
  }
  const results: SizeResult[] = [];
  for (const relations of o.sizes) {
    console.log(`\n################ size: ${relations.toLocaleString('en')} relations`);
    results.push(await runSize({ ...o, entities: Math.ceil(relations / 3) }));
  }
  growthTable(results);
  console.log(`\ntotal ${((Date.now() - started.getTime()) / 60000).toFixed(1)} min; load now ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
}

// scripts/bench-load.ts imports the generator without running the benchmark.
if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
