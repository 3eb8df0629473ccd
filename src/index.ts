export { FormatError, JitdbgError, ByteReader, ByteWriter, type Location } from './binary/index.js';
export * from './elf/index.js';
export * from './dwarf/index.js';
export { debugSections, sectionAddress } from './elf/debug-sections.js';
export * from './mi/index.js';
export { JITSession, Module, type JITSessionOptions } from './session.js';
export { DetachedTarget, ExecutorError, type Target, type TlsBlock, type TlsImage, type FarReference, type ReadTarget, type Registrar, type Registration, type Disposable, type NativeCall } from './target/index.js';
export { InProcessTarget, type InProcessTargetOptions } from './native/target.js';
export { NativeMemoryManager } from './native/memory.js';
export { NativeError } from './native/libc.js';
export { LinkError, type LinkLocation } from './link/errors.js';
export type { LoadedSection, LoadedSymbol } from './link/link.js';
export { BufferMemoryManager, PlacementError, type MemoryManager, type Allocation, type Segment, type SegmentKind, type SegmentRequest, type Placement } from './memory/index.js';
export type { DebugOffsets } from './link/link.js';
export { debugImage, type ImageSource, type ImageOptions } from './debug/image.js';
export { UnmergeableError } from './debug/errors.js';
export { moduleRegistrar, dwarfProblem, type ModuleRegistrar, type ModuleRegistrarOptions } from './debug/registrar.js';
export { GdbJitRegistrar } from './native/gdb-jit.js';
export {
  jitInterface, readDescriptor, registrationLibrary, storedLibrary, cacheDirectory, JIT_NOACTION, JIT_REGISTER_FN, JIT_UNREGISTER_FN,
  type JitInterface, type CodeEntry, type DescriptorState,
} from './native/jit-interface.js';
export { readRegistrations, readLists, LiveError, type Registrations, type BrokenDescriptor, type LiveDescriptor, type LiveEntry, type SnapshotLimits } from './live/index.js';
export { verify as verifyRegistrations } from './live/verify.js';
export { disassembler, DisasmError, type Disassembler, type Instruction, type Syntax as DisasmSyntax } from './disasm/index.js';
export { demangle } from './native/demangle.js';
export { summarize as summarizeImage, type ImageSummary } from './live/image.js';
export { ExecutorTarget, type ExecutorOptions, type SpawnOptions } from './executor/target.js';
