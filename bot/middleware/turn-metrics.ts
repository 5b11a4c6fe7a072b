// Times each message turn from before the first middleware to the last reply, per channel, and
// counts the ones that end in the error handler (the pipeline throws past this middleware).
import { ActivityTypes, type Middleware, type TurnContext } from 'botbuilder';
import { performance } from 'node:perf_hooks';
import type { Metrics } from '../ports/metrics';

export class TurnMetricsMiddleware implements Middleware {
  constructor(private readonly metrics: Pick<Metrics, 'turn'>) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    if (context.activity?.type !== ActivityTypes.Message) {
      await next();
      return;
    }
    const channel = typeof context.activity.channelId === 'string' ? context.activity.channelId : 'unknown';
    const started = performance.now();
    let failed = true;
    try {
      await next();
      failed = false;
    } finally {
      this.metrics.turn(channel, (performance.now() - started) / 1000, failed);
    }
  }
}
