// `npx tsx test/tools/profile-top.ts FILE.cpuprofile [--top N]`: where a V8 CPU profile (from
// `npm run bench -- --only first-sms --profile DIR`) spent its time: the functions with the most
// self time, then the same time summed by file (our modules) or package (node_modules).
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples?: number[];
  timeDeltas?: number[];
}

function where(url: string): string {
  const clean = url.replace(/^file:\/\//, '');
  const modules = clean.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const rest = clean.slice(modules + 'node_modules/'.length).split('/');
    return rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1]}` : (rest[0] ?? clean);
  }
  const root = clean.indexOf('/work/main/');
  return root >= 0 ? clean.slice(root + '/work/main/'.length) : clean || '(native)';
}

export function summarise(profile: Profile, top: number): string {
  // Self time per node from the sample stream (time deltas are in microseconds).
  const selfMicros = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i += 1) {
    const id = samples[i] ?? -1;
    selfMicros.set(id, (selfMicros.get(id) ?? 0) + (deltas[i] ?? 0));
  }
  const total = [...selfMicros.values()].reduce((a, b) => a + b, 0);
  const byFunction = new Map<string, number>();
  const byPlace = new Map<string, number>();
  for (const node of profile.nodes) {
    const micros = selfMicros.get(node.id) ?? 0;
    if (micros === 0) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const fn = `${functionName || '(anonymous)'}  ${where(url)}${url ? `:${lineNumber + 1}` : ''}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + micros);
    const place = where(url);
    byPlace.set(place, (byPlace.get(place) ?? 0) + micros);
  }
  const lines = (map: Map<string, number>) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, micros]) => `${((100 * micros) / total).toFixed(1).padStart(5)} %  ${(micros / 1000).toFixed(0).padStart(7)} ms  ${name}`);
  return [
    `total sampled: ${(total / 1000).toFixed(0)} ms`,
    '',
    'self time by function:',
    ...lines(byFunction),
    '',
    'self time by file or package:',
    ...lines(byPlace),
  ].join('\n');
}

if (require.main === module) {
  const file = process.argv[2];
  if (!file) {
    process.stderr.write('usage: profile-top.ts FILE.cpuprofile [--top N]\n');
    process.exit(2);
  }
  const i = process.argv.indexOf('--top');
  const top = i >= 0 ? Number(process.argv[i + 1]) || 25 : 25;
  process.stdout.write(`${summarise(JSON.parse(readFileSync(file, 'utf8')) as Profile, top)}\n`);
}
