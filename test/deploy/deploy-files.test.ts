// The deployment files, checked where Docker and Kubernetes do not run: they parse, name the port,
// probes and settings the server really has, run as non-root, and keep Redis's AOF at everysec; the
// image's start and health-check commands, run directly, start the server and find it healthy.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { DEFAULT_PORT, readSettings } from '../../bot/config/settings';
import { startServer } from '../../bot/index';
import { silentLogger } from '../../bot/log';

const ROOT = path.resolve(__dirname, '../..');
const DEPLOY = path.join(ROOT, 'deploy');
const read = (file: string): string => readFileSync(path.join(DEPLOY, file), 'utf8');

/** Every environment variable the settings reader knows: the names it quotes. */
function settingNames(): Set<string> {
  const text = readFileSync(path.join(ROOT, 'bot/config/settings.ts'), 'utf8');
  return new Set([...text.matchAll(/'((?:[A-Z][A-Z0-9]*_)+[A-Z0-9]+|Microsoft[A-Za-z]+|PORT|HOST)'/g)].map((m) => m[1] as string));
}
/** Variables the platform reads, not Frontdesk's settings. */
const PLATFORM = new Set(['NODE_ENV']);

interface Dockerfile {
  stages: string[][];
  final: string[];
}
function dockerfile(): Dockerfile {
  // Continuation lines joined, comments dropped: one instruction a line.
  const lines = read('Dockerfile').replace(/\\\n\s*/g, ' ').split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
  const stages: string[][] = [];
  for (const line of lines) {
    if (/^FROM\s/i.test(line)) stages.push([]);
    stages.at(-1)?.push(line);
  }
  return { stages, final: stages.at(-1) ?? [] };
}
const instruction = (lines: string[], name: string): string[] => lines.filter((l) => l.toUpperCase().startsWith(`${name} `)).map((l) => l.slice(name.length + 1).trim());

describe('the Dockerfile', () => {
  const file = dockerfile();

  it('builds in one stage and runs in another, as a user that is not root, with a health check', () => {
    expect(file.stages.length).toBeGreaterThanOrEqual(2);
    expect(instruction(file.final, 'USER')).toEqual(['node']);
    expect(instruction(file.final, 'HEALTHCHECK')[0]).toMatch(/\/healthz/);
    expect(instruction(file.final, 'EXPOSE')).toEqual([String(DEFAULT_PORT)]);
    // No compiler in the image that runs.
    expect(file.final.join('\n')).not.toMatch(/g\+\+|apt-get install/);
  });

  it('copies only what exists, and starts the way npm start does', () => {
    for (const stage of file.stages) {
      for (const copy of instruction(stage, 'COPY').filter((c) => !c.startsWith('--from'))) {
        const sources = copy.replace(/--chown=\S+\s*/, '').split(/\s+/).slice(0, -1);
        for (const source of sources) expect(existsSync(path.join(ROOT, source))).toBe(true);
      }
    }
    const cmd = JSON.parse(instruction(file.final, 'CMD')[0] ?? '[]') as string[];
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(cmd.join(' ')).toBe(pkg.scripts.start);
  });

  it('sets only settings the server reads', () => {
    const env = instruction(file.final, 'ENV').join(' ').split(/\s+/).map((pair) => pair.split('=')[0] as string);
    const known = settingNames();
    expect(env.filter((name) => !known.has(name) && !PLATFORM.has(name))).toEqual([]);
  });

  it("runs its start command directly: the server comes up and the image's health check passes", async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'frontdesk-image-'));
    const cmd = JSON.parse(instruction(file.final, 'CMD')[0] ?? '[]') as string[];
    // On this machine, loopback: on all interfaces the server rightly refuses to start without an app id.
    const env = { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, NODE_ENV: 'production' };
    const child = spawn(cmd[0] === 'node' ? process.execPath : (cmd[0] as string), cmd.slice(1), { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      const deadline = Date.now() + 30_000;
      let port: string | null = null;
      while (port === null && Date.now() < deadline) {
        port = /http:\/\/127\.0\.0\.1:(\d+)/.exec(output)?.[1] ?? null;
        if (port === null) await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(port).not.toBeNull();
      const check = JSON.parse(instruction(file.final, 'HEALTHCHECK')[0]?.replace(/^.*?CMD\s+/, '') ?? '[]') as string[];
      const health = spawnSync(process.execPath, check.slice(1), { env: { ...process.env, PORT: port ?? '' }, encoding: 'utf8', timeout: 10_000 });
      expect(health.status).toBe(0);
      // And the same check fails against a port with no server.
      expect(spawnSync(process.execPath, check.slice(1), { env: { ...process.env, PORT: '1' }, encoding: 'utf8', timeout: 10_000 }).status).toBe(1);
    } finally {
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 45_000);
});

describe('the compose file', () => {
  const compose = parse(read('compose.yaml'), { merge: true }) as {
    services: Record<string, { image?: string; command?: string[]; environment?: Record<string, string>; env_file?: string; depends_on?: unknown; volumes?: string[]; ports?: string[] }>;
  };
  const bots = Object.entries(compose.services).filter(([, s]) => s.image === 'frontdesk:latest');

  it('runs two bot processes of one image on one Redis', () => {
    expect(bots.map(([name]) => name)).toEqual(['bot1', 'bot2']);
    for (const [, bot] of bots) {
      expect(bot.environment?.REDIS_URL).toBe('redis://redis:6379');
      expect(bot.environment?.PORT).toBe(String(DEFAULT_PORT));
      expect(existsSync(path.join(DEPLOY, `${bot.env_file}.example`))).toBe(true);
    }
  });

  it("keeps Redis's append-only file, fsync'd every second", () => {
    const command = compose.services.redis?.command?.join(' ') ?? '';
    expect(command).toMatch(/--appendonly yes/);
    expect(command).toMatch(/--appendfsync everysec/);
  });

  it('puts a proxy in front that spreads requests over both bots on their port', () => {
    const proxy = compose.services.proxy;
    const mounted = (proxy?.volumes ?? []).map((v) => v.split(':')[0] as string);
    expect(mounted).toContain('./nginx.conf');
    const upstream = [...read('nginx.conf').matchAll(/^\s*server\s+([\w-]+):(\d+)/gm)].map((m) => `${m[1]}:${m[2]}`);
    expect(upstream).toEqual(bots.map(([name]) => `${name}:${DEFAULT_PORT}`));
  });

  it('names in its example environment only settings the server reads', () => {
    const names = read('frontdesk.env.example').split('\n').filter((l) => /^[A-Za-z_]+=/.test(l)).map((l) => l.split('=')[0] as string);
    const known = settingNames();
    expect(names.length).toBeGreaterThan(5);
    expect(names.filter((n) => !known.has(n))).toEqual([]);
    for (const [, bot] of bots) expect(Object.keys(bot.environment ?? {}).filter((n) => !known.has(n))).toEqual([]);
  });
});

describe('the Kubernetes manifests', () => {
  type Doc = { kind: string; metadata: { name: string }; spec: Record<string, any> };
  const docs = ['frontdesk.yaml', 'redis.yaml'].flatMap((f) => parseAllDocuments(read(`kubernetes/${f}`)).map((d) => d.toJS() as Doc));
  const of = (kind: string, name: string): Doc => {
    const doc = docs.find((d) => d.kind === kind && d.metadata.name === name);
    if (!doc) throw new Error(`no ${kind} ${name}`);
    return doc;
  };
  const deployment = of('Deployment', 'frontdesk');
  const container = deployment.spec.template.spec.containers[0];
  const env = Object.fromEntries((container.env as Array<{ name: string; value: string }>).map((e) => [e.name, e.value]));

  it('runs two or more non-root replicas on the server port, probed on /readyz and /healthz', () => {
    expect(deployment.spec.replicas).toBeGreaterThanOrEqual(2);
    expect(deployment.spec.template.spec.securityContext.runAsNonRoot).toBe(true);
    expect(container.ports).toEqual([{ name: 'http', containerPort: DEFAULT_PORT }]);
    expect(env.PORT).toBe(String(DEFAULT_PORT));
    expect(container.readinessProbe.httpGet).toEqual({ path: '/readyz', port: 'http' });
    expect(container.livenessProbe.httpGet).toEqual({ path: '/healthz', port: 'http' });
  });

  it('gives a stopping pod longer than the shutdown grace', () => {
    expect(deployment.spec.template.spec.terminationGracePeriodSeconds * 1000).toBeGreaterThan(Number(env.SHUTDOWN_GRACE_MS));
  });

  it('sets only settings the server reads, and points REDIS_URL at the Redis service', () => {
    const known = settingNames();
    expect(Object.keys(env).filter((n) => !known.has(n))).toEqual([]);
    const redis = of('Service', 'frontdesk-redis');
    expect(env.REDIS_URL).toBe(`redis://${redis.metadata.name}:${redis.spec.ports[0].port}`);
  });

  it('routes the Service and the disruption budget to the Deployment pods', () => {
    const labels = deployment.spec.template.metadata.labels;
    expect(of('Service', 'frontdesk').spec.selector).toEqual(labels);
    expect(of('Service', 'frontdesk').spec.ports[0].targetPort).toBe('http');
    const pdb = of('PodDisruptionBudget', 'frontdesk');
    expect(pdb.spec.selector.matchLabels).toEqual(labels);
    expect(pdb.spec.minAvailable).toBeLessThan(deployment.spec.replicas);
  });

  it("keeps Redis's append-only file, fsync'd every second, on a persistent volume", () => {
    const redis = of('StatefulSet', 'frontdesk-redis');
    expect(redis.spec.template.spec.containers[0].args.join(' ')).toMatch(/--appendonly yes --appendfsync everysec/);
    expect(redis.spec.volumeClaimTemplates).toHaveLength(1);
  });

  it('probes paths the server answers', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'frontdesk-probes-'));
    const running = await startServer({ settings: readSettings({}, { dataDir, port: 0 }), logger: silentLogger() });
    try {
      for (const probe of [container.readinessProbe, container.livenessProbe]) {
        expect((await fetch(`${running.url}${probe.httpGet.path}`)).status).toBe(200);
      }
    } finally {
      await running.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
