// Every message in both directions on Redis, with a small inverted index for staff look-ups.
// A plain Redis has no full-text search (RediSearch is a module most hosted and packaged Redis
// servers lack), so each message's words are folded the way the SQLite store's FTS5 tokenizer folds
// them (unicode61, diacritics removed, case folded) and the message is added to one sorted set per
// word, scored by its time; a vocabulary set finds every word a typed prefix starts. A search
// intersects, per typed word, the union of its words' sets, inside one script.
// A turn's append writes only the message and puts it in a waiting set; its words follow in batches
// (a moment later, or before any search, which so always sees every message), one ZADD per distinct
// word of a batch rather than one per word of each message. The index is derived data: a process
// that dies before its batch leaves the messages waiting for any other's.
import type { LoggedMessage, MessageLog, NewLoggedMessage } from '../../ports/handoff';
import { newId } from '../sqlite/ids';
import { toUtcIso } from '../sqlite/instants';
import type { RedisContext } from './context';
import { readHashes } from './reads';
import { defineScript, fieldsOf, type ScriptCaller } from './scripts';

/** As many typed words as the SQLite store's search takes. */
const MAX_SEARCH_WORDS = 16;

/**
 * The words of a text as the index keeps them: runs of letters and digits (and private-use
 * characters, which FTS5's unicode61 also keeps), with diacritics removed and case folded.
 */
export function indexWords(text: string): string[] {
  const folded = text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  return folded.match(/[\p{L}\p{N}\p{Co}]+/gu) ?? [];
}

/** What staff typed as the prefixes to look for: as the SQLite store reads a search, then folded. */
export function searchPrefixes(words: string): string[] {
  const typed = (words.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, MAX_SEARCH_WORDS);
  return typed.flatMap((word) => indexWords(word).slice(0, 1));
}

/** How long after a message its words wait to be indexed with the others logged meanwhile. */
export const INDEX_DELAY_MS = 1000;
/** Messages indexed per script call, so a long backlog never holds Redis for long. */
const INDEX_BATCH = 500;

// Shared by the scripts that write many members at once: Lua's unpack takes a few thousand values
// at most, so long lists go in slices.
const IN_SLICES_LUA = `
local function in_slices(command, key, values)
  for i = 1, #values, 1000 do
    redis.call(command, key, unpack(values, i, math.min(i + 999, #values)))
  end
end
`;

const APPEND_LUA = `
-- Logs a message, indexes it by client, and leaves its words for the next index batch.
-- KEYS[1] the sequence counter, KEYS[2] the client's messages, KEYS[3] the messages not yet indexed
-- ARGV[1] message hash family, ARGV[2] at (ms), ARGV[3 ...] field, value pairs of the message
-- Returns {0, padded sequence}
local seq = string.format('%015d', redis.call('INCR', KEYS[1]))
redis.call('HSET', ARGV[1] .. seq, 'seq', seq, unpack(ARGV, 3))
redis.call('ZADD', KEYS[2], ARGV[2], seq)
redis.call('ZADD', KEYS[3], ARGV[2], seq)
return {0, seq}
`;

const PENDING_LUA = `
-- The oldest messages whose words are not indexed yet.
-- KEYS[1] the messages not yet indexed. ARGV[1] message hash family, ARGV[2] how many at most
-- Returns {0, sequence, at (ms), text, sequence, at, text, ...} (text '' for a message that is gone)
local flat = redis.call('ZRANGE', KEYS[1], 0, tonumber(ARGV[2]) - 1, 'WITHSCORES')
local out = {0}
for i = 1, #flat, 2 do
  out[#out + 1] = flat[i]
  out[#out + 1] = flat[i + 1]
  out[#out + 1] = redis.call('HGET', ARGV[1] .. flat[i], 'text') or ''
end
return out
`;

const INDEX_LUA = `${IN_SLICES_LUA}
-- Adds a batch of messages to the word index and takes them off the waiting set. Indexing a
-- message twice (two processes on one batch) writes the same members again.
-- KEYS[1] the vocabulary, KEYS[2] the messages not yet indexed
-- ARGV[1] word set family, ARGV[2] n, ARGV[3 .. 2 + n] the batch's sequences, then for each word:
-- the word, how many messages have it (m), and m (at (ms), sequence) pairs
-- Returns {0}
local n = tonumber(ARGV[2])
local vocabulary = {}
local i = 3 + n
while i <= #ARGV do
  local word, m = ARGV[i], tonumber(ARGV[i + 1])
  in_slices('ZADD', ARGV[1] .. word, { unpack(ARGV, i + 2, i + 1 + 2 * m) })
  vocabulary[#vocabulary + 1] = 0
  vocabulary[#vocabulary + 1] = word
  i = i + 2 + 2 * m
end
in_slices('ZADD', KEYS[1], vocabulary)
local seqs = {}
for j = 3, 2 + n do seqs[#seqs + 1] = ARGV[j] end
in_slices('ZREM', KEYS[2], seqs)
return {0}
`;

const SEARCH_LUA = `
-- Messages containing, for every typed prefix, a word it starts; newest first.
-- KEYS[1] the vocabulary. ARGV[1] word set family, ARGV[2] message hash family, ARGV[3] limit,
-- ARGV[4 ...] the folded prefixes
-- Returns {0, HGETALL, ...}
local groups = {}
for i = 4, #ARGV do
  local words = redis.call('ZRANGEBYLEX', KEYS[1], '[' .. ARGV[i], '(' .. ARGV[i] .. '\\255')
  local size = 0
  for j, word in ipairs(words) do
    words[j] = ARGV[1] .. word
    size = size + redis.call('ZCARD', words[j])
  end
  if size == 0 then return {0} end
  groups[#groups + 1] = { keys = words, size = size }
end
if #groups == 0 then return {0} end
table.sort(groups, function(a, b) return a.size < b.size end)

-- The rarest prefix gives the candidates; each other prefix keeps those found under one of its words.
local found, count = {}, 0
for _, key in ipairs(groups[1].keys) do
  local flat = redis.call('ZRANGE', key, 0, -1, 'WITHSCORES')
  for j = 1, #flat, 2 do
    if not found[flat[j]] then count = count + 1 end
    found[flat[j]] = tonumber(flat[j + 1])
  end
end
for g = 2, #groups do
  local kept, kept_count = {}, 0
  for member, score in pairs(found) do
    for _, key in ipairs(groups[g].keys) do
      if redis.call('ZSCORE', key, member) then
        kept[member] = score
        kept_count = kept_count + 1
        break
      end
    end
  end
  found, count = kept, kept_count
  if count == 0 then return {0} end
end

local ordered = {}
for member, score in pairs(found) do ordered[#ordered + 1] = { member = member, score = score } end
table.sort(ordered, function(a, b)
  if a.score ~= b.score then return a.score > b.score end
  return a.member > b.member
end)
local out = {0}
for i = 1, math.min(#ordered, tonumber(ARGV[3])) do
  out[#out + 1] = redis.call('HGETALL', ARGV[2] .. ordered[i].member)
end
return out
`;

const RESTORE_LUA = `
-- Writes a logged message as it is (an import): in the place of the one with its id when there is
-- one (its old words taken out of the index), and leaves its words for the next index batch.
-- KEYS[1] the sequence counter, KEYS[2] the client's messages, KEYS[3] the messages not yet indexed
-- ARGV[1] message hash family, ARGV[2] word set family, ARGV[3] the padded sequence of the message it
-- replaces ('' for a new one), ARGV[4] at (ms), ARGV[5] n, ARGV[6 .. 5 + n] the replaced message's words,
-- then field, value pairs of the message
-- Returns {0, padded sequence}
local seq = ARGV[3]
local n = tonumber(ARGV[5])
if seq == '' then
  seq = string.format('%015d', redis.call('INCR', KEYS[1]))
else
  for i = 6, 5 + n do redis.call('ZREM', ARGV[2] .. ARGV[i], seq) end
  redis.call('DEL', ARGV[1] .. seq)
end
redis.call('HSET', ARGV[1] .. seq, 'seq', seq, unpack(ARGV, 6 + n))
redis.call('ZADD', KEYS[2], ARGV[4], seq)
redis.call('ZADD', KEYS[3], ARGV[4], seq)
return {0, seq}
`;

/** A logged message's hash as the message. */
export function messageFromHash(fields: Record<string, string>): LoggedMessage {
  return {
    id: fields.id ?? '',
    clientId: fields.clientId ?? '',
    channel: fields.channel ?? '',
    direction: fields.direction === 'out' ? 'out' : 'in',
    text: fields.text ?? '',
    media: JSON.parse(fields.media ?? '[]') as string[],
    at: fields.at ?? '',
    author: fields.author === 'bot' || fields.author === 'staff' ? fields.author : 'client',
    staffId: fields.staffId ?? null,
    internal: fields.internal === '1',
  };
}

/** A message's hash fields as field, value pairs (a field with no value is left out). */
function messageFields(message: LoggedMessage): string[] {
  const fields: Record<string, string | null> = {
    id: message.id,
    clientId: message.clientId,
    channel: message.channel,
    direction: message.direction,
    text: message.text,
    media: JSON.stringify(message.media),
    at: message.at,
    author: message.author,
    staffId: message.staffId ?? null,
    internal: message.internal ? '1' : '0',
  };
  return Object.entries(fields).flatMap(([field, value]) => (value === null ? [] : [field, value]));
}

export class RedisMessageLog implements MessageLog {
  private readonly appendScript: ScriptCaller<never>;
  private readonly pendingScript: ScriptCaller<never>;
  private readonly indexScript: ScriptCaller<never>;
  private readonly searchScript: ScriptCaller<never>;
  private readonly restoreScript: ScriptCaller<never>;
  private indexTimer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(private readonly ctx: RedisContext) {
    this.appendScript = defineScript(ctx, { name: 'message_log_append', keys: 3, lua: APPEND_LUA });
    this.pendingScript = defineScript(ctx, { name: 'message_log_pending', keys: 1, lua: PENDING_LUA });
    this.indexScript = defineScript(ctx, { name: 'message_log_index', keys: 2, lua: INDEX_LUA });
    this.searchScript = defineScript(ctx, { name: 'message_log_search', keys: 1, lua: SEARCH_LUA });
    this.restoreScript = defineScript(ctx, { name: 'message_log_restore', keys: 3, lua: RESTORE_LUA });
  }

  /**
   * Writes messages as they are, with their ids and instants (an import), in this order; one whose id
   * its client already has in the log replaces it in its place. Their words wait for the next index batch.
   */
  async restore(messages: readonly LoggedMessage[]): Promise<void> {
    const { keys, redis } = this.ctx;
    const logged = new Map<string, { seq: string; text: string }>();
    for (const clientId of new Set(messages.map((m) => m.clientId))) {
      const seqs = await redis.zrange(keys.clientMessages(clientId), 0, -1);
      for (const fields of await readHashes(redis, seqs.map((seq) => keys.loggedMessage(seq)))) {
        if (fields.id !== undefined && fields.seq !== undefined) logged.set(fields.id, { seq: fields.seq, text: fields.text ?? '' });
      }
    }
    for (const message of messages) {
      const replaced = logged.get(message.id);
      const words = replaced ? [...new Set(indexWords(replaced.text))] : [];
      const at = toUtcIso(message.at, 'at');
      await this.restoreScript(
        [keys.sequence, keys.clientMessages(message.clientId), keys.messagesUnindexed],
        [keys.loggedMessagePrefix, keys.messageWordPrefix, replaced?.seq ?? '', Date.parse(at), words.length, ...words, ...messageFields({ ...message, at })],
      );
    }
  }

  async append(message: NewLoggedMessage): Promise<LoggedMessage> {
    const { keys } = this.ctx;
    const logged: LoggedMessage = {
      id: newId('msg'),
      clientId: message.clientId,
      channel: message.channel,
      direction: message.direction,
      text: message.text,
      media: message.media ?? [],
      at: toUtcIso(message.at, 'at'),
      author: message.author,
      staffId: message.staffId ?? null,
      internal: message.internal ?? false,
    };
    const pairs = messageFields(logged);
    await this.appendScript(
      [keys.sequence, keys.clientMessages(logged.clientId), keys.messagesUnindexed],
      [keys.loggedMessagePrefix, Date.parse(logged.at), ...pairs],
    );
    this.indexSoon();
    return logged;
  }

  /**
   * Indexes the words of every logged message still waiting (this process's or another's), in
   * batches; returns how many messages it indexed.
   */
  async indexPending(): Promise<number> {
    const { keys } = this.ctx;
    let total = 0;
    for (;;) {
      const { values } = await this.pendingScript([keys.messagesUnindexed], [keys.loggedMessagePrefix, INDEX_BATCH]);
      const sequences: string[] = [];
      const byWord = new Map<string, string[]>();
      for (let i = 0; i + 2 < values.length; i += 3) {
        const seq = String(values[i]);
        const at = String(values[i + 1]);
        sequences.push(seq);
        for (const word of new Set(indexWords(String(values[i + 2] ?? '')))) {
          const members = byWord.get(word);
          if (members) members.push(at, seq);
          else byWord.set(word, [at, seq]);
        }
      }
      if (sequences.length === 0) return total;
      const args: Array<string | number> = [keys.messageWordPrefix, sequences.length, ...sequences];
      for (const [word, members] of byWord) args.push(word, members.length / 2, ...members);
      await this.indexScript([keys.messageWords, keys.messagesUnindexed], args);
      total += sequences.length;
      if (sequences.length < INDEX_BATCH) return total;
    }
  }

  /** Stops the delayed indexing (the store is closing); what waits is indexed by the next search or batch. */
  stopIndexing(): void {
    this.stopped = true;
    if (this.indexTimer) clearTimeout(this.indexTimer);
    this.indexTimer = null;
  }

  private indexSoon(): void {
    if (this.indexTimer || this.stopped) return;
    this.indexTimer = setTimeout(() => {
      this.indexTimer = null;
      // Redis away: the messages wait in their set for the next batch or search.
      this.indexPending().catch(() => undefined);
    }, INDEX_DELAY_MS);
    this.indexTimer.unref();
  }

  async recentForClient(clientId: string, limit: number): Promise<LoggedMessage[]> {
    if (limit <= 0) return [];
    const { keys, redis } = this.ctx;
    // Members are zero-padded sequences, so messages of one instant come in the order written.
    const latest = await redis.zrevrange(keys.clientMessages(clientId), 0, limit - 1);
    return (await readHashes(redis, latest.reverse().map((seq) => keys.loggedMessage(seq)))).map(messageFromHash);
  }

  async search(words: string, limit: number): Promise<LoggedMessage[]> {
    const prefixes = searchPrefixes(words);
    if (prefixes.length === 0 || limit <= 0) return [];
    const { keys } = this.ctx;
    // Every message logged before the search is found, indexed or not yet.
    await this.indexPending();
    const answer = await this.searchScript([keys.messageWords], [keys.messageWordPrefix, keys.loggedMessagePrefix, limit, ...prefixes]);
    return answer.values.map((value) => messageFromHash(fieldsOf(value)));
  }
}
