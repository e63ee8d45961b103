import { en, type Messages } from './en';

/** The active UI strings. English only for now; a locale switch would choose another `Messages` object here. */
export const t: Messages = en;
export type { Messages };
