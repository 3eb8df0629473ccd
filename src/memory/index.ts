export * from './types.js';
export { BufferMemoryManager, BufferAllocation } from './buffer.js';
