// CloudAdapter calls whatever serviceUrl it is handed: the one in a posted activity for the turn's
// replies, the one in a saved reference for a proactive message. This adapter asks the allow-list
// first, at every way a turn starts (a posted or direct activity, a continued or a new
// conversation), so no request, and no reference saved before the list existed, can make the
// server call an address of its choosing.
import { CloudAdapter, type Activity, type ConversationParameters, type InvokeResponse, type TurnContext } from 'botbuilder';
import type { AuthenticateRequestResult, BotFrameworkAuthentication, ClaimsIdentity } from 'botframework-connector';
import { ServiceUrlRefusedError, type ServiceUrlRule } from '../../bot/config/service-urls';

type Logic = (context: TurnContext) => Promise<void>;

export interface ServiceUrlCheckedAdapterOptions {
  serviceUrls: ServiceUrlRule;
}

/**
 * The /api/messages route answers 403 for a refused serviceUrl before the adapter sees the request
 * (channels/botframework/caller-gate.ts); here a refusal throws, and nothing is called.
 */
export class ServiceUrlCheckedAdapter extends CloudAdapter {
  private readonly serviceUrls: ServiceUrlRule;

  constructor(auth: BotFrameworkAuthentication, options: ServiceUrlCheckedAdapterOptions) {
    super(auth);
    this.serviceUrls = options.serviceUrls;
  }

  protected override processActivity(authHeader: string, activity: Activity, logic: Logic): Promise<InvokeResponse | undefined>;
  protected override processActivity(auth: AuthenticateRequestResult, activity: Activity, logic: Logic): Promise<InvokeResponse | undefined>;
  protected override async processActivity(auth: string | AuthenticateRequestResult, activity: Activity, logic: Logic): Promise<InvokeResponse | undefined> {
    this.check(activity.serviceUrl);
    // The overloads differ only in the first argument's type; botbuilder accepts either at runtime.
    return super.processActivity(auth as string, activity, logic);
  }

  protected override async processProactive(claims: ClaimsIdentity, continuation: Partial<Activity>, audience: string | undefined, logic: Logic): Promise<void> {
    this.check(continuation.serviceUrl);
    return super.processProactive(claims, continuation, audience, logic);
  }

  override async createConversationAsync(
    botAppId: string,
    channelId: string,
    serviceUrl: string,
    audience: string,
    parameters: ConversationParameters,
    logic: Logic,
  ): Promise<void> {
    this.check(serviceUrl);
    return super.createConversationAsync(botAppId, channelId, serviceUrl, audience, parameters, logic);
  }

  private check(serviceUrl: unknown): void {
    if (!this.serviceUrls.allows(serviceUrl)) throw new ServiceUrlRefusedError(this.serviceUrls.mode);
  }
}
