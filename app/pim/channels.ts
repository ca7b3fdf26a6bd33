// The channels product data is completed and published for: the one channel vocabulary (channels/kinds.ts).
import { z } from "zod";
import { channelKinds, type ChannelKind } from "~/channels/kinds";

export const CHANNELS = channelKinds;
export type Channel = ChannelKind;
export const channel = z.enum(CHANNELS);

/** The locale/channel of a value that applies everywhere (attribute not localisable / not channel-specific). */
export const ANY = "*";
