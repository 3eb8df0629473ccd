export { FormatError, ByteReader, ByteWriter, type Location } from './binary/index.js';
export * from './elf/index.js';
export * from './dwarf/index.js';
export { debugSections } from './elf/debug-sections.js';
export * from './mi/index.js';
export { JITSession, Module, type JITSessionOptions, type ModuleRegistrar, type Disposable } from './session.js';
export { LinkError, type LinkLocation } from './link/errors.js';
export type { LoadedSection, LoadedSymbol } from './link/link.js';
export { NativeMemoryManager, BufferMemoryManager, PlacementError, type MemoryManager, type Allocation, type Segment, type SegmentKind, type SegmentRequest, type Placement } from './memory/index.js';
