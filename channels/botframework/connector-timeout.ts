// Every call CloudAdapter makes to a channel's serviceUrl (a reply in a turn, a proactive message,
// an update or delete) ends within the send timeout.
//
// botbuilder 4.23 creates a ConnectorClient per turn and per proactive message, and its default
// HTTP request has no timeout: a serviceUrl that accepts the connection and never answers holds the
// turn (and its /api/messages request) or the proactive send forever. ConnectorClientOptions cannot
// carry a timeout (the factory replaces requestPolicyFactories), but every operation takes
// RequestOptionsBase.timeout, which the HTTP client enforces by aborting the request. So the
// clients the factories hand out are given that timeout on each operation; the call then rejects
// with an AbortError and the turn's error path (or the sender's retry) runs.
import type { BotFrameworkAuthentication, ConnectorClient, ConnectorFactory } from 'botframework-connector';
import { DelegatingAuthentication } from './delegating-auth';

type OperationArgs = Parameters<ConnectorClient['sendOperationRequest']>;

function boundClient(client: ConnectorClient, timeoutMs: number): ConnectorClient {
  const send = client.sendOperationRequest.bind(client);
  client.sendOperationRequest = (args: OperationArgs[0], spec: OperationArgs[1], callback?: OperationArgs[2]) =>
    send({ ...args, options: { ...args.options, timeout: args.options?.timeout ?? timeoutMs } }, spec, callback);
  return client;
}

function boundFactory(factory: ConnectorFactory, timeoutMs: number): ConnectorFactory {
  return {
    create: async (serviceUrl: string, audience?: string) => boundClient(await factory.create(serviceUrl, audience), timeoutMs),
  };
}

class BoundConnectorAuthentication extends DelegatingAuthentication {
  constructor(
    inner: BotFrameworkAuthentication,
    private readonly timeoutMs: number,
  ) {
    super(inner);
  }

  override async authenticateRequest(...args: Parameters<BotFrameworkAuthentication['authenticateRequest']>) {
    const result = await this.inner.authenticateRequest(...args);
    return result.connectorFactory ? { ...result, connectorFactory: boundFactory(result.connectorFactory, this.timeoutMs) } : result;
  }

  override async authenticateStreamingRequest(...args: Parameters<BotFrameworkAuthentication['authenticateStreamingRequest']>) {
    const result = await this.inner.authenticateStreamingRequest(...args);
    return result.connectorFactory ? { ...result, connectorFactory: boundFactory(result.connectorFactory, this.timeoutMs) } : result;
  }

  override createConnectorFactory(...args: Parameters<BotFrameworkAuthentication['createConnectorFactory']>) {
    return boundFactory(this.inner.createConnectorFactory(...args), this.timeoutMs);
  }
}

/** The same authentication, whose connector clients give up on any call after `timeoutMs`. */
export function boundConnectorCalls(inner: BotFrameworkAuthentication, timeoutMs: number): BotFrameworkAuthentication {
  return new BoundConnectorAuthentication(inner, timeoutMs);
}
