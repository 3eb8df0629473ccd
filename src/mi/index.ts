export { MiError, MiParseError, type MiErrorKind } from './errors.js';
export { allValues, resultNames, parseOutput, parseRecord } from './parse.js';
export type { MiAsyncRecord, MiList, MiPrompt, MiRecord, MiResultClass, MiResultRecord, MiStreamRecord, MiTuple, MiValue } from './parse.js';
export { toMiFrame, type MiFrame } from './frame.js';
export { quoteCString } from './quote.js';
export { MiSession, type CommandOptions, type CommandResult, type MiSessionEvents, type MiSessionOptions, type StopEvent } from './session.js';
