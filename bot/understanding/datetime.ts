// The time reader's entry point; the reader itself is the pipeline of rule tables in ./when/.

export { readWhen, type WhenContext, type WhenReading } from './when/read-when';
export type { TimeWindow } from './types';
