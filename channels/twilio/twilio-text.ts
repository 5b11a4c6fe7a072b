// Sentences the Twilio channel itself says (not the bot's dialogs), in English.
export const twilioText = {
  flooding: () => "You're sending a lot of messages; I'll pause for a few minutes.",
};
