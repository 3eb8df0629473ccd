export { FormatError, ByteReader, ByteWriter, type Location } from './binary/index.js';
export * from './elf/index.js';
export * from './dwarf/index.js';
export { debugSections } from './elf/debug-sections.js';
export * from './mi/index.js';
export { JITSession, Module, type JITSessionOptions, type ModuleRegistrar, type Disposable } from './session.js';
export type { TlsBlock, TlsImage } from './link/resolve.js';
export { LinkError, type LinkLocation } from './link/errors.js';
export type { LoadedSection, LoadedSymbol } from './link/link.js';
export { NativeMemoryManager, BufferMemoryManager, PlacementError, type MemoryManager, type Allocation, type Segment, type SegmentKind, type SegmentRequest, type Placement } from './memory/index.js';
export type { DebugOffsets } from './link/link.js';
export { debugImage, type ImageSource, type ImageOptions, type ReadTarget } from './debug/image.js';
export { moduleRegistrar, dwarfProblem, type Registrar, type Registration, type ModuleRegistrarOptions } from './debug/registrar.js';
export { GdbJitRegistrar, gdbModuleRegistrar } from './debug/gdb-jit.js';
export {
  jitInterface, readDescriptor, registrationLibrary, storedLibrary, cacheDirectory, JIT_NOACTION, JIT_REGISTER_FN, JIT_UNREGISTER_FN,
  type JitInterface, type CodeEntry, type DescriptorState,
} from './native/jit-interface.js';
