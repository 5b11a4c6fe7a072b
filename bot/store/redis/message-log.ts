// Every message in both directions on Redis, with a small inverted index for staff look-ups.
// A plain Redis has no full-text search (RediSearch is a module most hosted and packaged Redis
// servers lack), so each message's words are folded the way the SQLite store's FTS5 tokenizer folds
// them (unicode61, diacritics removed, case folded) and the message is added to one sorted set per
// word, scored by its time; a vocabulary set finds every word a typed prefix starts. A search
// intersects, per typed word, the union of its words' sets, inside one script.
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

const APPEND_LUA = `
-- Logs a message and indexes it by client and by each of its words.
-- KEYS[1] the sequence counter, KEYS[2] the client's messages, KEYS[3] the vocabulary
-- ARGV[1] message hash family, ARGV[2] word set family, ARGV[3] at (ms), ARGV[4] how many words follow,
-- ARGV[5 ...] the words, then field, value pairs of the message
-- Returns {0, padded sequence}
local seq = string.format('%015d', redis.call('INCR', KEYS[1]))
local words = tonumber(ARGV[4])
local fields = {}
for i = 5 + words, #ARGV do fields[#fields + 1] = ARGV[i] end
redis.call('HSET', ARGV[1] .. seq, 'seq', seq, unpack(fields))
redis.call('ZADD', KEYS[2], ARGV[3], seq)
for i = 5, 4 + words do
  redis.call('ZADD', ARGV[2] .. ARGV[i], ARGV[3], seq)
  redis.call('ZADD', KEYS[3], 0, ARGV[i])
end
return {0, seq}
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

function fromFields(fields: Record<string, string>): LoggedMessage {
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

export class RedisMessageLog implements MessageLog {
  private readonly appendScript: ScriptCaller<never>;
  private readonly searchScript: ScriptCaller<never>;

  constructor(private readonly ctx: RedisContext) {
    this.appendScript = defineScript(ctx, { name: 'message_log_append', keys: 3, lua: APPEND_LUA });
    this.searchScript = defineScript(ctx, { name: 'message_log_search', keys: 1, lua: SEARCH_LUA });
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
    const fields: Record<string, string | null> = {
      id: logged.id,
      clientId: logged.clientId,
      channel: logged.channel,
      direction: logged.direction,
      text: logged.text,
      media: JSON.stringify(logged.media),
      at: logged.at,
      author: logged.author,
      staffId: logged.staffId ?? null,
      internal: logged.internal ? '1' : '0',
    };
    const words = [...new Set(indexWords(logged.text))];
    const pairs = Object.entries(fields).flatMap(([field, value]) => (value === null ? [] : [field, value]));
    await this.appendScript(
      [keys.sequence, keys.clientMessages(logged.clientId), keys.messageWords],
      [keys.loggedMessagePrefix, keys.messageWordPrefix, Date.parse(logged.at), words.length, ...words, ...pairs],
    );
    return logged;
  }

  async recentForClient(clientId: string, limit: number): Promise<LoggedMessage[]> {
    if (limit <= 0) return [];
    const { keys, redis } = this.ctx;
    // Members are zero-padded sequences, so messages of one instant come in the order written.
    const latest = await redis.zrevrange(keys.clientMessages(clientId), 0, limit - 1);
    return (await readHashes(redis, latest.reverse().map((seq) => keys.loggedMessage(seq)))).map(fromFields);
  }

  async search(words: string, limit: number): Promise<LoggedMessage[]> {
    const prefixes = searchPrefixes(words);
    if (prefixes.length === 0 || limit <= 0) return [];
    const { keys } = this.ctx;
    const answer = await this.searchScript([keys.messageWords], [keys.messageWordPrefix, keys.loggedMessagePrefix, limit, ...prefixes]);
    return answer.values.map((value) => fromFields(fieldsOf(value)));
  }
}
