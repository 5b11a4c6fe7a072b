// Multi-key atomic changes are Lua scripts, registered here on the connection with ioredis's
// `defineCommand` (which sends EVALSHA and falls back to EVAL once when Redis does not know the
// script yet). Every script follows one reply convention, turned into results in one place
// (`decodeReply`):
//
//   {0, ...values}        done
//   {n, ...values}, n > 0 an expected outcome, named by the script's `outcomes` (slot_taken, ...)
//   {-1, message}         the input was refused (a store error `frontdesk_store_invalid_input`)
//   {-2, message}         the data is not what the script expects (a record an index names is gone)
//
// Each script's Lua starts with a header that documents its KEYS, ARGV and return codes. A script
// reads or builds only keys of this store: key families are passed in ARGV as prefixes built by
// keys.ts, so the script never spells a key shape itself.
import type Redis from 'ioredis';
import { StoreError } from '../sqlite/errors';
import type { RedisContext } from './context';

export type ScriptArg = string | number;

/** A value in a script's reply: Redis turns Lua strings, numbers and tables into these. */
export type ScriptValue = string | number | null | ScriptValue[];

export interface ScriptSpec<Outcome extends string> {
  /** Unique among the scripts of one connection; becomes the ioredis command name. */
  name: string;
  /** How many of the arguments are keys, or 'varying' when the caller passes a list of any length. */
  keys: number | 'varying';
  lua: string;
  /** The expected outcomes the script may answer with, by their positive code. */
  outcomes?: Readonly<Record<number, Outcome>>;
}

export type ScriptAnswer<Outcome extends string> = { outcome: 'done' | Outcome; values: ScriptValue[] };

/** Runs the script atomically with these keys and arguments. */
export type ScriptCaller<Outcome extends string> = (
  keys: readonly string[],
  args: readonly ScriptArg[],
) => Promise<ScriptAnswer<Outcome>>;

type ScriptCommand = (...args: ScriptArg[]) => Promise<unknown>;

// Which Lua each command name stands for on a connection, so two definitions cannot silently
// share a name and a second store on the same connection reuses the first registration.
const registered = new WeakMap<Redis, Map<string, string>>();

/** Registers a script on the context's connection and returns a typed caller for it. */
export function defineScript<Outcome extends string = never>(
  ctx: RedisContext,
  spec: ScriptSpec<Outcome>,
): ScriptCaller<Outcome> {
  const { redis } = ctx;
  const commandName = `frontdesk_${spec.name.replace(/[^A-Za-z0-9]/g, '_')}`;
  let onConnection = registered.get(redis);
  if (!onConnection) {
    onConnection = new Map();
    registered.set(redis, onConnection);
  }
  const known = onConnection.get(commandName);
  if (known === undefined) {
    // A varying count leaves numberOfKeys unset: the caller's first argument is the count.
    redis.defineCommand(commandName, spec.keys === 'varying' ? { lua: spec.lua } : { numberOfKeys: spec.keys, lua: spec.lua });
    onConnection.set(commandName, spec.lua);
  } else if (known !== spec.lua) {
    throw new Error(`two different Redis scripts are named ${spec.name}`);
  }
  // defineCommand adds the command as a method of the connection; ioredis's types cannot know it.
  const command = (redis as unknown as Record<string, ScriptCommand>)[commandName];
  if (typeof command !== 'function') throw new Error(`the Redis script ${spec.name} was not registered`);

  return async (keys, args) => {
    if (spec.keys !== 'varying' && keys.length !== spec.keys) {
      throw new Error(`the Redis script ${spec.name} takes ${spec.keys} keys, not ${keys.length}`);
    }
    const leading = spec.keys === 'varying' ? [keys.length] : [];
    const reply = await command.apply(redis, [...leading, ...keys, ...args]);
    return decodeReply(spec, reply);
  };
}

/** The one place a script's reply becomes a result or a store error. */
export function decodeReply<Outcome extends string>(spec: ScriptSpec<Outcome>, reply: unknown): ScriptAnswer<Outcome> {
  if (!Array.isArray(reply) || typeof reply[0] !== 'number') {
    throw new Error(`the Redis script ${spec.name} answered outside the reply convention: ${JSON.stringify(reply)}`);
  }
  const [code, ...values] = reply as [number, ...ScriptValue[]];
  if (code === 0) return { outcome: 'done', values };
  if (code > 0) {
    const outcome = spec.outcomes?.[code];
    if (outcome === undefined) throw new Error(`the Redis script ${spec.name} answered an unknown code ${code}`);
    return { outcome, values };
  }
  const message = typeof values[0] === 'string' ? values[0] : `code ${code}`;
  if (code === -1) throw new StoreError('frontdesk_store_invalid_input', `${spec.name}: ${message}`);
  throw new Error(`${spec.name}: the stored data is not as expected (${message})`);
}

/** A flat `HGETALL`-style reply ([field, value, field, value, ...]) as an object. */
export function fieldsOf(value: ScriptValue | undefined): Record<string, string> {
  const fields: Record<string, string> = {};
  if (!Array.isArray(value)) return fields;
  for (let i = 0; i + 1 < value.length; i += 2) {
    const field = value[i];
    const text = value[i + 1];
    if (typeof field === 'string' && (typeof text === 'string' || typeof text === 'number')) fields[field] = String(text);
  }
  return fields;
}
