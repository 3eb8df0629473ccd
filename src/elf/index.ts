export * from './consts.js';
export { ElfFile } from './read.js';
export type * from './types.js';
export { writeElf, ElfWriter } from './write.js';
export type * from './write.js';
export { descriptionOf } from './write-copy.js';
export {
  sectionTypeName, sectionFlagLetters, segmentTypeName, segmentFlags, symbolTypeName, symbolBindName, symbolVisibility,
  symbolShndx, symbolDisplayName, relocationTypeName, machineName, fileTypeName, osabiName,
} from './describe.js';
export {
  listing as elfListing, renderListing as renderElfListing, sectionRows, segmentRows, symbolRows, relocationRows, headerRow,
  LISTING_PARTS as ELF_LISTING_PARTS, type Listing as ElfListing, type ListingPart as ElfListingPart, type HeaderRow,
  type SectionRow, type SegmentRow, type SymbolRow, type RelocationRow,
} from './listing.js';
