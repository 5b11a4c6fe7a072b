// A BotFrameworkAuthentication that hands every call to another one. The wrappers that change one
// part of it (a deadline on inbound checks, a timeout on connector calls) extend this and override
// only that part, so botbuilder's interface is forwarded in one place.
import { BotFrameworkAuthentication } from 'botframework-connector';

export class DelegatingAuthentication extends BotFrameworkAuthentication {
  constructor(protected readonly inner: BotFrameworkAuthentication) {
    super();
  }

  override authenticateRequest(...args: Parameters<BotFrameworkAuthentication['authenticateRequest']>) {
    return this.inner.authenticateRequest(...args);
  }

  override authenticateStreamingRequest(...args: Parameters<BotFrameworkAuthentication['authenticateStreamingRequest']>) {
    return this.inner.authenticateStreamingRequest(...args);
  }

  override authenticateChannelRequest(...args: Parameters<BotFrameworkAuthentication['authenticateChannelRequest']>) {
    return this.inner.authenticateChannelRequest(...args);
  }

  override createConnectorFactory(...args: Parameters<BotFrameworkAuthentication['createConnectorFactory']>) {
    return this.inner.createConnectorFactory(...args);
  }

  override createUserTokenClient(...args: Parameters<BotFrameworkAuthentication['createUserTokenClient']>) {
    return this.inner.createUserTokenClient(...args);
  }

  override createBotFrameworkClient() {
    return this.inner.createBotFrameworkClient();
  }

  override getOriginatingAudience() {
    return this.inner.getOriginatingAudience();
  }
}
