// The shape an activity posted to /api/messages must have before botbuilder sees it. CloudAdapter
// trusts the body: an object where serviceUrl should be throws inside the connector factory, and a
// number where an id should be fails the turn deep in a middleware. Checked here, once, so the
// caller gets a 400 and the bot only ever meets strings where it expects strings.
import { ActivityTypes, DeliveryModes } from 'botbuilder';
import { z } from 'zod';

/** Teams' conversation ids are the longest real ones (a few hundred characters); anything past this is not an id. */
export const MAX_ID_LENGTH = 512;
export const MAX_SERVICE_URL_LENGTH = 2048;
/** A conversationUpdate names who joined; a group that size is already more than any front desk sees at once. */
export const MAX_MEMBERS = 100;
export const MAX_ATTACHMENTS = 50;
export const MAX_ENTITIES = 50;

const KNOWN_TYPES = Object.values(ActivityTypes) as [string, ...string[]];
const DELIVERY_MODES = Object.values(DeliveryModes) as [string, ...string[]];

const id = z.string().min(1).max(MAX_ID_LENGTH);
const shortText = z.string().max(MAX_ID_LENGTH);

const serviceUrl = z
  .string()
  .max(MAX_SERVICE_URL_LENGTH)
  .refine((text) => {
    if (!URL.canParse(text)) return false;
    const { protocol } = new URL(text);
    return protocol === 'http:' || protocol === 'https:';
  });

/** botbuilder turns these into Date objects; an unparseable one becomes an Invalid Date that throws when printed. */
const timestamp = z
  .string()
  .max(64)
  .refine((text) => !Number.isNaN(Date.parse(text)));

const account = z.looseObject({
  id,
  name: shortText.nullish(),
  role: shortText.nullish(),
  aadObjectId: shortText.nullish(),
});

const conversation = z.looseObject({
  id,
  name: shortText.nullish(),
  isGroup: z.boolean().nullish(),
  conversationType: shortText.nullish(),
  tenantId: shortText.nullish(),
});

const attachment = z.looseObject({
  contentType: shortText,
  contentUrl: z.string().max(MAX_SERVICE_URL_LENGTH).nullish(),
  name: shortText.nullish(),
});

const entity = z.looseObject({ type: shortText });

const activityShape = z.looseObject({
  type: z.enum(KNOWN_TYPES),
  id: shortText.nullish(),
  channelId: z.string().min(1).max(64),
  serviceUrl,
  from: account,
  recipient: account,
  conversation,
  text: z.string().nullish(),
  textFormat: shortText.nullish(),
  locale: shortText.nullish(),
  name: shortText.nullish(),
  replyToId: shortText.nullish(),
  deliveryMode: z.enum(DELIVERY_MODES).nullish(),
  timestamp: timestamp.nullish(),
  localTimestamp: timestamp.nullish(),
  expiration: timestamp.nullish(),
  attachments: z.array(attachment).max(MAX_ATTACHMENTS).nullish(),
  entities: z.array(entity).max(MAX_ENTITIES).nullish(),
  membersAdded: z.array(account).max(MAX_MEMBERS).nullish(),
  membersRemoved: z.array(account).max(MAX_MEMBERS).nullish(),
  // Event and invoke payloads are read by the code that knows their shape; channelData is the channel's own.
  channelData: z.record(z.string(), z.unknown()).nullish(),
});

export type ActivityShapeCheck = { ok: true } | { ok: false; field: string };

/**
 * Whether a parsed request body is an activity the bot can be handed. `field` names the first part
 * that is wrong, for the log only: the caller gets a generic 400.
 */
export function checkActivityShape(body: unknown): ActivityShapeCheck {
  const parsed = activityShape.safeParse(body);
  if (parsed.success) return { ok: true };
  const first = parsed.error.issues[0];
  return { ok: false, field: first && first.path.length > 0 ? first.path.map(String).join('.') : '(body)' };
}
