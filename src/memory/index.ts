export * from './types.js';
export { BufferMemoryManager, BufferAllocation } from './buffer.js';
export { NativeMemoryManager, NativeAllocation } from './native.js';
