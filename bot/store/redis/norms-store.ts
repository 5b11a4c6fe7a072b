// Notices said once and the urgent-alert log, on Redis.
import { randomUUID } from 'node:crypto';
import type { NewUrgentAlert, NoticeLog, UrgentAlert, UrgentAlertLog } from '../../ports/norms';
import { nowIso } from '../sqlite/instants';
import type { RedisContext } from './context';
import { byInstant, execAll, readStrings } from './reads';

export class RedisNoticeLog implements NoticeLog {
  constructor(private readonly ctx: RedisContext) {}

  /** Records a notice as said at that time (an import). */
  async restore(key: string, sentAt: string): Promise<void> {
    await this.ctx.redis.set(this.ctx.keys.notice(key), sentAt);
  }

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

  /** Writes an alert as it is, with its id and time (an import), keeping its place when it was there. */
  async restore(alert: UrgentAlert): Promise<void> {
    const { redis, keys } = this.ctx;
    const order = await redis.incr(keys.sequence);
    await execAll(
      redis
        .multi()
        .set(keys.urgentAlert(alert.id), JSON.stringify(alert))
        .zadd(keys.urgentAlerts, 'NX', order, alert.id),
    );
  }

  async list(): Promise<UrgentAlert[]> {
    const { redis, keys } = this.ctx;
    const ids = await redis.zrange(keys.urgentAlerts, 0, -1);
    const alerts = (await readStrings(redis, ids.map((id) => keys.urgentAlert(id)))).map((json) => JSON.parse(json) as UrgentAlert);
    return alerts.sort(byInstant((alert) => alert.createdAt));
  }
}
