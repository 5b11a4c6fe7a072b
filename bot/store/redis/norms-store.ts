// Notices said once and the urgent-alert log, on Redis.
import { randomUUID } from 'node:crypto';
import type { NewUrgentAlert, NoticeLog, UrgentAlert, UrgentAlertLog } from '../../ports/norms';
import { nowIso } from '../sqlite/instants';
import type { RedisContext } from './context';
import { byInstant, execAll, readStrings } from './reads';

export class RedisNoticeLog implements NoticeLog {
  constructor(private readonly ctx: RedisContext) {}

  async claim(key: string, now: Date): Promise<boolean> {
    // SET NX is the atomic claim across processes: only the first one gets OK.
    return (await this.ctx.redis.set(this.ctx.keys.notice(key), nowIso(now), 'NX')) === 'OK';
  }
}

export class RedisUrgentAlertLog implements UrgentAlertLog {
  constructor(private readonly ctx: RedisContext) {}

  async record(alert: NewUrgentAlert, now: Date): Promise<UrgentAlert> {
    const recorded: UrgentAlert = {
      id: `urg_${randomUUID().replace(/-/g, '').slice(0, 16)}`,
      clientId: alert.clientId,
      keyword: alert.keyword,
      text: alert.text,
      openNow: alert.openNow,
      onCallName: alert.onCallName,
      notified: [...alert.notified],
      outcome: alert.outcome,
      createdAt: nowIso(now),
    };
    const { redis, keys } = this.ctx;
    const order = await redis.incr(keys.sequence);
    await execAll(
      redis
        .multi()
        .set(keys.urgentAlert(recorded.id), JSON.stringify(recorded))
        .zadd(keys.urgentAlerts, order, recorded.id),
    );
    return recorded;
  }

  async list(): Promise<UrgentAlert[]> {
    const { redis, keys } = this.ctx;
    const ids = await redis.zrange(keys.urgentAlerts, 0, -1);
    const alerts = (await readStrings(redis, ids.map((id) => keys.urgentAlert(id)))).map((json) => JSON.parse(json) as UrgentAlert);
    return alerts.sort(byInstant((alert) => alert.createdAt));
  }
}
