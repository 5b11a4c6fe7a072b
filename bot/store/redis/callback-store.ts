import type { CallbackRequest } from '../../domain/types';
import type { CallbackStore } from '../../ports/stores';
import { newId } from '../sqlite/ids';
import { nowIso } from '../sqlite/instants';
import type { RedisContext } from './context';
import { byInstant, execAll, readHashes } from './reads';

export function callbackFromHash(fields: Record<string, string>): CallbackRequest {
  return {
    id: fields.id ?? '',
    clientId: fields.clientId ?? '',
    reason: fields.reason ?? '',
    text: fields.text ?? '',
    status: (fields.status ?? 'open') as CallbackRequest['status'],
    createdAt: fields.createdAt ?? '',
  };
}

export class RedisCallbackStore implements CallbackStore {
  constructor(private readonly ctx: RedisContext) {}

  async add(input: { clientId: string; reason: string; text: string }, now: Date): Promise<CallbackRequest> {
    const request: CallbackRequest = {
      id: newId('cb'),
      clientId: input.clientId,
      reason: input.reason,
      text: input.text,
      status: 'open',
      createdAt: nowIso(now),
    };
    const { redis, keys } = this.ctx;
    const order = await redis.incr(keys.sequence);
    // MULTI: the request and its place in the open list appear together or not at all.
    await execAll(
      redis
        .multi()
        .hset(keys.callback(request.id), { ...request })
        .zadd(keys.openCallbacks, order, request.id),
    );
    return request;
  }

  /** Writes a request as it is, with its id and time (an import); only an open one is listed open. */
  async restore(request: CallbackRequest): Promise<void> {
    const { redis, keys } = this.ctx;
    const order = await redis.incr(keys.sequence);
    const multi = redis.multi().del(keys.callback(request.id)).hset(keys.callback(request.id), { ...request });
    if (request.status === 'open') multi.zadd(keys.openCallbacks, 'NX', order, request.id);
    else multi.zrem(keys.openCallbacks, request.id);
    await execAll(multi);
  }

  async listOpen(): Promise<CallbackRequest[]> {
    const { redis, keys } = this.ctx;
    const ids = await redis.zrange(keys.openCallbacks, 0, -1);
    const hashes = await readHashes(redis, ids.map((id) => keys.callback(id)));
    return hashes
      .map(callbackFromHash)
      .filter((request) => request.status === 'open')
      .sort(byInstant((request) => request.createdAt));
  }
}
