export type { Target, TlsImage, TlsBlock, FarReference, ReadTarget, Registrar, Registration, Disposable, NativeCall } from './types.js';
export { DetachedTarget } from './detached.js';
export { ExecutorError } from './errors.js';
